"""Words that tell what a line of a business card is: field labels, company
suffixes, job titles, Chinese surnames (简体, 繁體, English)."""

import re

# label -> field; matched case-insensitively at a segment's start, followed by
# a separator (":", ".", space) -- single letters need ":" or a digit/"+"/"@".
LABELS = {
    "mobile": ["手机", "手機", "移动电话", "行動電話", "行动电话", "移動電話", "手机号", "手機號碼",
               "mobile phone", "mobile", "mob", "cell phone", "cellphone", "cell", "hp", "m"],
    "phone": ["电话", "電話", "座机", "座機", "办公电话", "辦公電話", "总机", "總機", "直线", "直線",
              "telephone", "phone", "tel", "ph", "office", "direct", "t"],
    "fax": ["传真", "傳真", "傅真", "傳眞", "fax", "facsimile", "f"],
    "email": ["电子邮件", "電子郵件", "电子邮箱", "電子郵箱", "邮箱", "郵箱", "信箱", "邮件", "郵件", "e-mail",
              "email", "mail", "e"],
    "website": ["网址", "網址", "网站", "網站", "主页", "主頁", "website", "web site", "web", "url", "w"],
    "address": ["公司地址", "地址", "地 址", "address", "addr", "add", "adr", "a"],
    "other": ["微信", "wechat", "qq", "line", "skype", "whatsapp", "邮编", "郵遞區號", "邮政编码", "zip",
              "postcode", "p.c."],
}

_ALL = sorted(((lab, field) for field, labs in LABELS.items() for lab in labs), key=lambda x: -len(x[0]))
_CJK_ALT = "|".join(re.escape(lab).replace(r"\ ", r"\s?") for lab, _f in _ALL if not lab.isascii())
_LATIN_ALT = "|".join(re.escape(lab).replace(r"\ ", r"\s?") for lab, _f in _ALL if lab.isascii())
# A label at a segment's start (line start, or after a space or separator),
# followed by its value: Chinese labels may touch their value, Latin ones need
# a colon, or a space/dot before a number, or a space before an e-mail address.
LABEL_RE = re.compile(
    r"(?:^|(?<=[\s|/,;]))(?:(%s)\s*[:]?\s*|(%s)(?:\s*[:]\s*|\.?\s+(?=[+(]?\d)|\.(?=[+(]?\d)|(?=[+(]\s*\d)|\s+(?=[^\s@]+@)))"
    % (_CJK_ALT, _LATIN_ALT),
    re.IGNORECASE,
)
LABEL_FIELD = {lab.replace(" ", ""): field for lab, field in _ALL}

COMPANY_SUFFIXES_CJK = [
    "股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "株式会社", "集团", "集團", "公司", "工厂", "工廠",
    "厂", "廠", "研究院", "研究所", "事务所", "事務所", "银行", "銀行", "协会", "協會", "商会", "商會",
    "中心", "商行", "企业社", "企業社", "实业", "實業", "科技", "贸易", "貿易",
]
COMPANY_SUFFIXES_LATIN = [
    r"co\.?,?\s*ltd\.?", r"company\s+limited", r"limited", r"ltd\.?", r"llc", r"l\.l\.c\.", r"inc\.?",
    r"incorporated", r"corp\.?", r"corporation", r"gmbh(?:\s*&\s*co\.?\s*kg)?", r"ag", r"kg",
    r"s\.a\.?", r"s\.a\.s\.?", r"s\.r\.l\.?", r"s\.p\.a\.?", r"b\.v\.?", r"n\.v\.?", r"jsc", r"pte\.?\s*ltd\.?",
    r"sdn\.?\s*bhd\.?", r"pty\.?\s*ltd\.?", r"plc", r"oy", r"ab", r"a/s", r"k\.k\.", r"co\.", r"group",
    r"holdings?", r"industries", r"industrial", r"technologies", r"technology", r"trading", r"enterprises?",
    r"manufacturing", r"machinery", r"electronics", r"solutions", r"systems", r"international", r"gmbh",
]
COMPANY_LATIN_RE = re.compile(r"\b(?:%s)(?=$|[\s,.)])" % "|".join(COMPANY_SUFFIXES_LATIN), re.IGNORECASE)
COMPANY_STRONG_LATIN_RE = re.compile(
    r"\b(?:co\.?,?\s*ltd|limited|ltd|llc|inc|corp|corporation|gmbh|jsc|plc|pte\.?\s*ltd|sdn\.?\s*bhd|"
    r"s\.a|s\.r\.l|s\.p\.a|b\.v|n\.v|a/s|k\.k)\b\.?",
    re.IGNORECASE,
)

TITLES_CJK = [
    "董事长", "董事長", "副董事长", "副董事長", "总经理", "總經理", "副总经理", "副總經理", "总裁", "總裁",
    "副总裁", "副總裁", "首席执行官", "首席執行官", "执行董事", "執行董事", "董事", "总监", "總監",
    "经理", "經理", "主管", "主任", "工程师", "工程師", "设计师", "設計師", "专员", "專員", "顾问", "顧問",
    "代表", "助理", "秘书", "秘書", "会计", "會計", "总工", "總工", "厂长", "廠長", "店长", "店長",
    "创始人", "創辦人", "合伙人", "合夥人", "负责人", "負責人", "采购", "採購", "业务", "業務", "销售",
    "行销", "行銷", "市场部", "市場部", "技术部", "技術部", "教授", "研究员", "研究員", "协理", "協理",
    "襄理", "课长", "課長", "部长", "部長", "科长", "科長", "组长", "組長", "处长", "處長", "所长", "所長",
    "院长", "院長", "会长", "會長", "秘书长", "秘書長", "律师", "律師", "特助", "主理人",
]
TITLES_LATIN = [
    "manager", "director", "ceo", "cto", "cfo", "coo", "cmo", "cio", "president", "vice president", "vp",
    "engineer", "head of", "officer", "founder", "co-founder", "owner", "partner", "consultant",
    "representative", "specialist", "coordinator", "executive", "chairman", "chairwoman", "chair",
    "assistant", "supervisor", "lead", "architect", "designer", "analyst", "administrator", "secretary",
    "agent", "buyer", "purchaser", "merchandiser", "sales", "marketing", "purchasing", "procurement",
    "account", "business development", "general manager", "managing director", "md", "gm", "principal",
    "technician", "developer", "advisor", "adviser", "accountant", "controller", "professor",
    "associate", "intern", "team leader", "product", "export", "import", "operations", "logistics",
]
TITLE_LATIN_RE = re.compile(r"\b(?:%s)\b" % "|".join(re.escape(t) for t in TITLES_LATIN), re.IGNORECASE)
# words a Chinese title often starts with (department, rank)
TITLE_STARTS_CJK = tuple((
    "技术 技術 市场 市場 销售 銷售 采购 採購 研发 研發 生产 生產 财务 財務 行政 人事 质量 質量 品质 品質 项目 項目 "
    "区域 區域 高级 高級 资深 資深 首席 副 总 總 海外 国际 國際 外贸 外貿 业务 業務 客户 客戶 执行 執行 董事 "
    "部门 部門 营销 營銷 工程 设计 設計 产品 產品 运营 運營 物流 进出口 進出口 大客户 大客戶"
).split())
TITLE_CJK_RE = re.compile("|".join(sorted(TITLES_CJK, key=len, reverse=True)))

SURNAMES = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅高郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖"
    "蕭萧田董潘袁蔡蒋蔣余于杜叶葉程魏苏蘇吕呂丁任卢盧姚沈钟鍾姜崔谭譚陆陸范汪廖石金韦韋贾賈夏付方邹鄒"
    "熊白孟秦邱侯江尹薛闫閻段雷龙龍黎史陶贺賀毛郝顾顧龚龔邵万萬覃武钱錢戴严嚴莫孔向常汤湯康易乔喬賴赖"
    "文施洪牛柯游翁简簡温溫彭詹涂塗谷"
)
COMPOUND_SURNAMES = {"欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "令狐", "慕容", "张简", "張簡"}
