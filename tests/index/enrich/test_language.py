"""Language detection: deterministic, ``und`` when unsure, and the fast build agrees with
the reference langdetect."""

from __future__ import annotations

import pytest

from index.enrich.language import detect_language, explain_language

TEXTS = {
    "de": "Die Regierung hat am Donnerstag ein neues Abkommen mit den Nachbarländern geschlossen.",
    "en": "The government signed a new agreement with its neighbours on Thursday, officials said.",
    "fr": ("Le gouvernement a signé jeudi un nouvel accord avec les pays voisins, selon le "
           "ministère."),
    "es": ("El gobierno firmó el jueves un nuevo acuerdo con los países vecinos, según el "
           "ministerio."),
    "it": ("Il governo ha firmato giovedì un nuovo accordo con i paesi vicini, secondo il "
           "ministero."),
    "ru": ("Правительство в четверг подписало новое соглашение с соседними странами, "
           "сообщил министр."),
    "pl": ("Rząd podpisał w czwartek nowe porozumienie z krajami sąsiednimi, poinformowało "
           "ministerstwo."),
    "ar": ("وقعت الحكومة يوم الخميس اتفاقا جديدا مع الدول المجاورة بحسب ما أعلنت الوزارة في "
           "بيان رسمي."),
}


@pytest.mark.parametrize("lang,text", TEXTS.items())
def test_detects_news_sentences(lang, text):
    code, prob = detect_language(text)
    assert code == lang and prob > 0.9


@pytest.mark.parametrize("text", ["", "Saudi-Arabien", "USA 2025", "12.03.2025 — 17:30"])
def test_short_text_is_undetermined(text):
    assert detect_language(text) == ("und", 0.0)


@pytest.mark.parametrize("lang,text", [
    ("en", "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK"),
    ("en", "U.S. TAX WRITERS SEEK ESTATE TAX CURBS, RAISING 6.7 BILLION DLRS THRU 1991"),
    ("de", "REGIERUNG UND OPPOSITION EINIGEN SICH AUF DIE GRÖSSTE STEUERREFORM SEIT JAHREN"),
    ("fr", "LE GOUVERNEMENT SIGNE UN NOUVEL ACCORD AVEC LES PAYS VOISINS"),
])
def test_text_in_capitals_is_read_as_its_language(lang, text):
    """Wire headlines in capitals: langdetect alone calls the English ones German."""
    assert detect_language(text)[0] == lang


def test_deterministic():
    short = "les Émirats arabes unis et le Qatar signent"
    assert len({detect_language(short) for _ in range(20)}) == 1


def test_fast_build_matches_reference_langdetect():
    langdetect = pytest.importorskip("langdetect")
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    for text in TEXTS.values():
        reference = langdetect.detect_langs(text)[0]
        code, prob = detect_language(text)
        assert code == reference.lang and abs(prob - reference.prob) < 1e-9


NOT_PROSE = [
    # Reuters results items and price tables: langdetect called them sv, ca, fr, de.
    "<CINRAM LTD> 4TH QTR NET\nShr 45 cts vs 58 cts\n    Net 1.1 mln vs 829,000\n"
    "    Sales 7.9 mln vs 9.4 mln\n    Avg shrs 2,332,397 vs 1,428,000\n Reuter",
    "CRA Ltd 1986 net profit 138.2 mln dlrs vs 87.8 mln",
    "Ultramar 1986 net loss 62.1 mln stg vs 71.6 mln profit",
    "Shr 11 cts vs 21 cts Net 563,000 vs 863,000 Revs 10.1 mln vs 9.4 mln",
    "SINGAPORE RUBBER 1045 - APRIL 8\nNO 1 RSS MAY 196.00 196.50 (UP 0.75)\n"
    "JUNE 193.00 193.50\nPROMPT 199.50 200.50",
    "DAX 15.230,5 +1,2%\nMDAX 26.114,0 -0,4%\nTecDAX 3.301,7 +0,8%\nEuro Stoxx 50 4.312,9 +0,9%",
]


@pytest.mark.parametrize("text", NOT_PROSE)
def test_numbers_and_tables_have_no_language(text):
    verdict = explain_language(text)
    assert verdict.lang == "und"
    assert any(why in verdict.why for why in ("prose", "table", "short"))


def test_prose_with_numbers_keeps_its_language():
    text = ("Net income rose 12 pct to 45.6 mln dlrs from 40.6 mln dlrs a year earlier, the "
            "company said, and it expects sales of about 1.2 billion dlrs in 1987.")
    assert explain_language(text) == ("en", explain_language(text).prob, "detected")


def test_the_sources_language_answers_for_an_item_too_short_to_read():
    assert explain_language("Ultramar 1986 net loss 62.1 mln stg", prior="en")[:1] == ("en",)
    assert explain_language("Saudi-Arabien", prior="de").lang == "de"
    assert "source" in explain_language("Saudi-Arabien", prior="de").why
    # A confident answer is the text's own, whatever the source usually writes.
    assert explain_language(TEXTS["fr"], prior="de").lang == "fr"


def test_inspect_says_why_the_language_is_undetermined(tmp_path, capsys):
    from tui.cli import main

    item = tmp_path / "wire" / "cinram.txt"
    item.parent.mkdir()
    item.write_text(NOT_PROSE[0], encoding="utf-8")
    assert main(["inspect", str(item)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "language" in x)
    assert "und" in line and "not prose" in line


# Paragraphs written for these tests, in languages langdetect has no profile for, and in the
# languages it answers for them.
HAUSA = ("Shugaban kasar Najeriya ya ce gwamnatinsa za ta ci gaba da yaki da cin hanci da "
         "rashawa a fadin kasar. Ya bayyana haka ne a lokacin da yake jawabi ga manema labarai "
         "a Abuja ranar Litinin, inda ya ce babu wanda zai tsira idan aka same shi da laifi.")
ZULU = ("UMongameli waseNigeria uthe uhulumeni wakhe uzoqhubeka nokulwa nenkohlakalo kulo "
        "lonke izwe. Ukusho lokhu ngesikhathi ekhuluma nezintatheli e-Abuja ngoMsombuluko, "
        "wengeza ngokuthi akekho ozophunyula emthethweni.")
YORUBA = ("Ààrẹ orílẹ̀-èdè Nàìjíríà ti sọ pé ìjọba rẹ̀ yóò tẹ̀síwájú láti gbógun ti ìwà ìbàjẹ́ "
          "ní gbogbo ìpínlẹ̀. Ó sọ ọ̀rọ̀ yìí nígbà tí ó ń bá àwọn oníròyìn sọ̀rọ̀ ní ìlú Àbújá "
          "ní ọjọ́ Ajé, ó sì fi kún un pé kò sí ẹni tí yóò bọ́ lọ́wọ́ òfin.")
INDONESIAN = ("Presiden Nigeria mengatakan pemerintahnya akan terus memerangi korupsi di seluruh "
              "wilayah negara itu. Ia menyampaikan hal tersebut saat berbicara kepada wartawan "
              "di Abuja pada hari Senin.")
MALAY = ("Presiden Nigeria berkata kerajaannya akan terus memerangi rasuah di seluruh negara. "
         "Beliau berkata demikian ketika bercakap kepada pemberita di Abuja pada hari Isnin, "
         "sambil menambah bahawa tiada sesiapa yang akan terlepas daripada undang-undang.")
SWAHILI = ("Rais wa Nigeria amesema serikali yake itaendelea kupambana na rushwa katika maeneo "
           "yote ya nchi. Alisema hayo alipokuwa akizungumza na waandishi wa habari mjini Abuja "
           "siku ya Jumatatu, akiongeza kuwa hakuna atakayeepuka sheria.")
VIETNAMESE = ("Tổng thống Nigeria cho biết chính phủ của ông sẽ tiếp tục chống tham nhũng trên "
              "khắp đất nước. Ông đã nói điều này khi trò chuyện với các phóng viên tại Abuja "
              "vào thứ Hai, đồng thời nói thêm rằng không ai có thể thoát khỏi pháp luật.")


@pytest.mark.parametrize("text,lang", [(HAUSA, "ha"), (ZULU, "zu")])
def test_a_language_langdetect_lacks_is_named_by_the_second_opinion(text, lang):
    """langdetect reads Hausa as Indonesian and Zulu as Swahili; CLD3 knows both."""
    verdict = explain_language(text)
    assert verdict.lang == lang
    assert verdict.why.startswith("CLD3")


@pytest.mark.parametrize("text,lang", [(INDONESIAN, "id"), (MALAY, "id"), (SWAHILI, "sw"),
                                       (VIETNAMESE, "vi")])
def test_the_languages_langdetect_knows_keep_its_answer(text, lang):
    """Malay stays Indonesian: langdetect's Indonesian reads both, and CLD3 telling the
    twins apart is no reason to overrule it."""
    assert explain_language(text)[::2] == (lang, "detected")


def test_yoruba_is_never_vietnamese():
    """Yoruba's tone marks read as Vietnamese to both detectors; Vietnamese letters (ă đ ơ ư)
    are in every Vietnamese paragraph and never in a Yoruba one."""
    verdict = explain_language(YORUBA)
    assert verdict.lang == "und" and "not Vietnamese" in verdict.why


def test_detectors_that_disagree_give_no_language(monkeypatch):
    """Kirundi or Luganda read as Swahili to langdetect and as Shona or Chichewa to CLD3,
    unsure: no language is better than either."""
    from types import SimpleNamespace

    from index.enrich import language

    class Shona:
        def FindLanguage(self, text):  # noqa: N802 (CLD3's name)
            return SimpleNamespace(language="sn", is_reliable=False, probability=0.6)

    monkeypatch.setattr(language, "_cld3", lambda: Shona())
    verdict = explain_language(SWAHILI)
    assert verdict.lang == "und" and verdict.why == "detectors disagree (langdetect sw, CLD3 sn)"
    assert explain_language(SWAHILI, prior="sw").lang == "sw"  # the source's language answers
    assert explain_language(TEXTS["de"]).lang == "de"  # CLD3 is not asked


def test_an_answer_in_another_script_than_the_texts_is_no_answer():
    """langdetect has no language written in Georgian: it read this as Estonian, with
    probability 1.0. (Amharic with a few middle dots it read as Korean; Ethiopic text is
    now read by its own words, above.)"""
    georgian = ("საქართველოს მთავრობამ დღეს თბილისში გამოაქვეყნა განცხადება ახალი ეკონომიკური "
                "პოლიტიკის შესახებ. მინისტრმა ჟურნალისტებს განუცხადა, რომ პოლიტიკა მომავალ "
                "წელს ამოქმედდება.")
    verdict = explain_language(georgian)
    assert verdict.lang == "und" and "not in latin script" in verdict.why
    assert explain_language(TEXTS["ru"]).lang == "ru" and explain_language(TEXTS["ar"]).lang == "ar"


def test_the_languages_langdetect_knows_are_its_profiles():
    """``LANGDETECT_LANGS`` decides which CLD3 answers may overrule langdetect: it must be
    exactly the reference langdetect's profiles (``zh-cn`` and ``zh-tw`` as ``zh``), and
    every such language's script is known (``_SCRIPT_OF``, else Latin)."""
    import os

    import langdetect

    from index.enrich import language

    folder = os.path.join(os.path.dirname(langdetect.__file__), "profiles")
    profiles = {language._CODES.get(name, name) for name in os.listdir(folder)}
    assert language.LANGDETECT_LANGS == profiles
    assert set(language._SCRIPT_OF) <= profiles


SAME_SCRIPT = [  # (lang, text): languages no detector here tells apart, by their small words
    ("om", "Mootummaan Itoophiyaa akka ibsetti, waraanni naannoo Tigraay keessatti jiru yeroo "
           "ammaa kana irratti hojii isaa ni itti fufa jedhe. Garuu namoonni hedduun akka "
           "jedhanitti, rakkoon kun gara biraatti babal'achaa jira fi tokko tokkoon isaanii "
           "baqataniiru."),
    ("so", "Dowladda Soomaaliya ayaa sheegtay in ciidamada ay gaareen magaalada, waxaana la "
           "filayaa in ay sii socdaan howlgallada. Dadka deegaanka ayaa u sheegay BBC in "
           "xaaladdu ay tahay mid adag, iyo in ay jiraan khasaare badan oo soo gaaray."),
    ("am", "የኢትዮጵያ መንግሥት ባወጣው መግለጫ ላይ እንደገለጸው በክልሉ ውስጥ ያለው ሁኔታ አሳሳቢ ነው። ይህ ሁኔታ "
           "ከተከሰተ በኋላ በርካታ ሰዎች ወደ አጎራባች አካባቢዎች ተሰደዋል እና መንግሥት ደግሞ እርዳታ "
           "እንደሚያደርግ ብለዋል።"),
    ("ti", "ኣብ ትግራይ ዘሎ ኩነታት ኣዝዩ ዘሻቕል እዩ ክብል መንግስቲ ገሊጹ። ካብቲ ዝሓለፈ ሰሙን ጀሚሩ ድማ "
           "ብዙሓት ሰባት ናብ ካልእ ከባቢታት ተሰዲዶም ኣለዉ፣ ምስ ናይ ረድኤት ትካላት ከም ዝሰርሑ ከኣ ሓቢሮም።"),
]


SAME_SCRIPT += [  # the Bantu languages langdetect reads as Swahili
    ("ln", "Mokonzi ya ekolo alobi ete bato nyonso basengeli kosala mpo na bolamu ya mboka. "
           "Yango wana mpe bango bazali koloba te ete mosala moko ezali pete lokola "
           "bakanisaka."),
    ("lg", "Gavumenti egambye nti abantu bonna balina okwegendereza era nga bwe kiri buli "
           "mwaka. Naye abakulembeze bano bagamba nti ensonga eno ate ya maanyi nnyo okuva "
           "olw'embeera ya wamu."),
    ("rn", "Reta y'Uburundi ivuga ko ivyo bintu bitegerezwa cane muri iki gihe, kandi ko ico "
           "gikorwa gifise akamaro ca mbere. Ivyo vyose vyabaye canke bizoba muri uyu mwaka, "
           "ariko abantu benshi baravuga ko ivyo atari ukuri."),
    ("sw", "Serikali ya Tanzania imesema kuwa watu wengi katika mikoa ya kaskazini wameathirika "
           "na mafuriko, lakini pia kwamba msaada zaidi utatolewa kutoka kwa wahisani baada "
           "ya tathmini kufanyika kuhusu hali hiyo."),
]


@pytest.mark.parametrize("lang, text", SAME_SCRIPT)
def test_languages_no_detector_tells_apart_are_told_by_their_small_words(lang, text):
    assert detect_language(text)[0] == lang


def test_ethiopic_text_without_the_small_words_of_either_language_has_none():
    verdict = explain_language("ኢትዮጵያ ኤርትራ ሱዳን ኬንያ ሶማሊያ ጅቡቲ ግብጽ ኡጋንዳ ታንዛንያ ሩዋንዳ ብሩንዲ "
                               "ደቡብ ሱዳን ናይጄሪያ ጋና ሴኔጋል ማሊ ኒጀር ቻድ ካሜሩን ጋቦን ኮንጎ")
    assert verdict.lang == "und" and "Ethiopic" in verdict.why
