"""Every label of the Expo CRM addons exists in Simplified (and Traditional)
Chinese: menus, actions and their help, views, wizards, reports, templates,
field labels and selection values, and the messages of the Python code.

Checked for each installed addon of the suite (expo_crm, expo_crm_followup,
expo_crm_loyalty), in two ways:

1. the terms Odoo's own exporter finds in the addon today (the same reader as
   ``--i18n-export``) all have a non-empty translation in ``i18n/zh_CN.po``
   (and ``zh_TW.po`` when the addon ships one): a label added without its
   translation fails here;
2. once zh_CN is loaded, every translatable field of every record the addon
   defines (views, menus, actions, fields, selections, templates, …) reads
   differently in Chinese than in English, term by term: a translation that
   does not reach the screen fails here.
"""

import re
from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

SUITE = ("expo_crm", "expo_crm_followup", "expo_crm_loyalty", "expo_crm_crm", "expo_crm_survey", "expo_crm_event", "expo_crm_capture")
# Terms that are the same in Chinese (abbreviations, codes, sample values).
SAME_IN_CHINESE = {
    "A", "B", "C", "D", "E", "RFM", "NPS", "CLV", "CSV", "XLSX", "UTF-8", "GBK",
    "E.164", "Expo CRM", "Odoo", "m²", "%", "ID",
}
LETTERS = re.compile(r"[A-Za-z]{2,}")


def _is_demo(res_id):
    return "demo" in str(res_id or "")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addons = (
            cls.env["ir.module.module"]
            .search([("name", "in", SUITE), ("state", "=", "installed")])
            .mapped("name")
        )

    def _po(self, addon, lang):
        path = Path(get_module_path(addon)) / "i18n" / f"{lang}.po"
        if not path.exists():
            return None
        return {
            (entry.msgid): entry.msgstr
            for entry in polib.pofile(str(path))
            if not entry.obsolete
        }

    def _needs_translation(self, text):
        text = (text or "").strip()
        return bool(text) and text not in SAME_IN_CHINESE and bool(LETTERS.search(text))

    def test_po_files_translate_every_current_term(self):
        self.assertIn("expo_crm", self.addons)
        for addon in self.addons:
            terms = {
                source
                for _module, _type, _name, res_id, source, _value, _comments in TranslationModuleReader(
                    self.env.cr, modules=[addon]
                )
                if source and not _is_demo(res_id)
            }
            self.assertGreater(len(terms), 50, addon)
            for lang in ("zh_CN", "zh_TW"):
                po = self._po(addon, lang)
                if po is None:
                    self.assertNotEqual(lang, "zh_CN", f"{addon} has no zh_CN.po")
                    continue
                missing = sorted(t for t in terms if t not in po)
                empty = sorted(t for t in terms if t in po and not po[t].strip())
                self.assertFalse(
                    missing, f"{addon}/i18n/{lang}.po lacks {len(missing)} terms: {missing[:20]}"
                )
                self.assertFalse(
                    empty, f"{addon}/i18n/{lang}.po leaves {len(empty)} terms empty: {empty[:20]}"
                )

    def test_every_record_reads_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(self.addons, ["zh_CN"], overwrite=True)
        data = self.env["ir.model.data"].search(
            [("module", "in", self.addons), ("model", "in", list(self.env.registry))]
        )
        by_model = {}
        for imd in data:
            if not _is_demo(imd.name):
                by_model.setdefault(imd.model, []).append(imd.res_id)
        untranslated = []
        checked = 0
        for model_name, ids in by_model.items():
            model = self.env[model_name].with_context(active_test=False)
            translated_fields = [
                field for field in model._fields.values()
                if field.translate and field.store and not field.related
            ]
            if not translated_fields:
                continue
            records = model.browse(ids).exists()
            en = records.with_context(lang="en_US")
            zh = records.with_context(lang="zh_CN")
            for field in translated_fields:
                for rec_en, rec_zh in zip(en, zh):
                    value_en, value_zh = rec_en[field.name], rec_zh[field.name]
                    if not value_en:
                        continue
                    if callable(field.translate):
                        pairs = [
                            (term, langs.get("zh_CN", term))
                            for term, langs in field.get_translation_dictionary(
                                value_en, {"zh_CN": value_zh}
                            ).items()
                        ]
                        pairs = [
                            (field.get_text_content(term_en), field.get_text_content(term_zh))
                            for term_en, term_zh in pairs
                        ]
                    else:
                        pairs = [(value_en, value_zh)]
                    for term_en, term_zh in pairs:
                        if not self._needs_translation(term_en):
                            continue
                        checked += 1
                        if term_en.strip() == (term_zh or "").strip():
                            untranslated.append(
                                f"{model_name},{field.name} #{rec_en.id} "
                                f"({rec_en.display_name}): {term_en.strip()[:80]!r}"
                            )
        self.assertGreater(checked, 300)
        self.assertFalse(
            untranslated,
            f"{len(untranslated)} labels stay in English in zh_CN:\n" + "\n".join(untranslated[:60]),
        )
