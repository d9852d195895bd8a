"""Recognising the columns of a contact file, in plain Python: the names
scanners, card apps and people give them, in English, Simplified and
Traditional Chinese, and the header row among the first rows."""

import re
import unicodedata

# Column names as written by scanners and card apps, in English, Simplified
# and Traditional Chinese, once normalised by ``_normalize_header``.
COLUMN_ALIASES = {
    "name": [
        "name", "fullname", "contactname", "contact", "attendee", "attendeename",
        "visitor", "visitorname", "person", "姓名", "名字", "全名", "联系人",
        "联系人姓名", "聯絡人", "聯繫人", "聯絡人姓名",
    ],
    "first_name": ["firstname", "givenname", "forename", "名"],
    "last_name": ["lastname", "surname", "familyname", "姓"],
    "company": [
        "company", "companyname", "organization", "organisation", "org",
        "employer", "account", "accountname", "公司", "公司名称", "公司名", "单位",
        "单位名称", "工作单位", "企业", "企业名称", "机构", "公司名稱", "單位",
        "單位名稱", "企業", "機構",
    ],
    "email": [
        "email", "mail", "emailaddress", "mailaddress", "邮箱", "邮箱地址",
        "电子邮件", "电子邮箱", "邮件", "郵箱", "電子郵件", "電子郵箱", "電郵",
        "電子信箱",
    ],
    "mobile": [
        "mobile", "mobilephone", "mobileno", "mobilenumber", "cell", "cellphone",
        "cellular", "handphone", "手机", "手机号", "手机号码", "移动电话", "手機",
        "手機號碼", "行動電話",
    ],
    "phone": [
        "phone", "phonenumber", "telephone", "tel", "officephone", "workphone",
        "businessphone", "电话", "电话号码", "座机", "固话", "办公电话", "電話",
        "電話號碼", "辦公電話",
    ],
    "country": [
        "country", "countryregion", "nation", "国家", "国家地区", "国别", "國家",
        "國家地區", "國別",
    ],
    "function": [
        "jobtitle", "title", "position", "function", "designation", "jobposition",
        "职位", "职务", "职称", "头衔", "職位", "職務", "職稱", "頭銜",
    ],
    "notes": [
        "notes", "note", "comment", "comments", "remark", "remarks", "memo",
        "备注", "说明", "留言", "備註", "說明",
    ],
    "booth": [
        "booth", "boothno", "boothnumber", "stand", "standno", "standnumber",
        "展位", "展位号", "展台", "攤位", "攤位號", "展位號",
    ],
    "city": ["city", "town", "城市", "市"],
    "website": ["website", "web", "url", "homepage", "网站", "网址", "網站", "網址"],
    "badge_code": [
        "badge", "badgecode", "badgeid", "badgeno", "badgenumber", "badgebarcode",
        "registrationcode", "registrationid", "registrationno", "registrationnumber",
        "barcode", "qrcode", "胸卡", "胸卡号", "胸卡编号", "胸卡号码", "证件号", "证件编号",
        "参展证号", "参观证号", "胸牌号", "登记号", "注册号", "胸卡號", "胸卡編號",
        "證件號", "證件編號", "參展證號", "參觀證號", "登記號", "註冊號",
    ],
    "met_date": [
        "metdate", "meton", "scandate", "scantime", "scannedat", "scannedon",
        "date", "日期", "扫描时间", "扫描日期", "見面日期", "掃描時間", "掃描日期",
    ],
}
HEADER_INDEX = {alias: key for key, aliases in COLUMN_ALIASES.items() for alias in aliases}
HEADER_STRIP_RE = re.compile(r"[\s_\-.:：*#()（）\[\]【】/|\\]+")
HEADER_SPLIT_RE = re.compile(r"[/|()（）\[\]【】\s]+")


def normalize_header(value):
    value = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return HEADER_STRIP_RE.sub("", value)


def header_key(value):
    """Return the contact field of a column header, or None."""
    key = HEADER_INDEX.get(normalize_header(value))
    if key:
        return key
    # bilingual headers: "姓名 Name", "公司(Company)", "E-mail/邮箱"
    for part in HEADER_SPLIT_RE.split(unicodedata.normalize("NFKC", str(value or ""))):
        key = HEADER_INDEX.get(normalize_header(part))
        if key:
            return key
    return None


def map_header(rows, search=5):
    """Find the header among the first rows ((row number, cells)): the first
    one where at least two columns are recognised, or a name or an email
    column alone (card apps often add a title line). Returns (position of
    the header in rows, {column: contact field}), or None."""
    for index, (__, row) in enumerate(rows[:search]):
        mapping = {}
        for col, value in enumerate(row):
            key = header_key(value)
            if key and key not in mapping.values():
                mapping[col] = key
        if len(mapping) >= 2 or (mapping and set(mapping.values()) & {"name", "email"}):
            return index, mapping
    return None
