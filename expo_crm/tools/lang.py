"""Which language to write to a contact in, from the contact's country."""

# Countries whose contacts read Simplified or Traditional Chinese.
SIMPLIFIED_CHINESE = {"CN", "SG"}
TRADITIONAL_CHINESE = {"TW", "HK", "MO"}


def lang_for_country(country_code, installed, default):
    """Language code for a contact of ``country_code``.

    China (and Singapore) read Simplified Chinese, Taiwan, Hong Kong and Macau
    Traditional Chinese, when that language is in ``installed``; everyone else
    (or a language not installed) gets ``default``.

    >>> lang_for_country("TW", {"en_US", "zh_TW"}, "en_US")
    'zh_TW'
    >>> lang_for_country("CN", {"en_US"}, "en_US")
    'en_US'
    """
    code = (country_code or "").upper()
    wanted = None
    if code in SIMPLIFIED_CHINESE:
        wanted = "zh_CN"
    elif code in TRADITIONAL_CHINESE:
        wanted = "zh_TW"
    return wanted if wanted in installed else default
