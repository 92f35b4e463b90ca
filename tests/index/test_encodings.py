"""Feeds and pages in the encodings of their languages, declared, undeclared or declared
wrong, read as their writers wrote them; mojibake repaired, never made."""

from __future__ import annotations

import codecs
import json
import tracemalloc
from pathlib import Path

import pytest

from index import sources
from index.models import RawArticle
from index.sources import encoding
from index.sources.encoding import decode

# (encoding, headline, first sentences of a short news item) in each language's encodings
NEWS = {
    "euc_jp": ("東京都、来年度予算案を発表　子育て支援に重点",
               "東京都は十日、来年度の予算案を発表した。子育て世帯への支援策を拡充し、"
               "保育所の整備に約三百億円を計上する。知事は記者会見で「誰もが安心して暮らせる"
               "都市をつくる」と述べた。"),
    "shift_jis": ("大阪で記録的な大雨　交通機関に乱れ",
                  "大阪府では九日未明から激しい雨が降り続き、気象台は大雨警報を発表した。"
                  "鉄道各線で運転見合わせが相次ぎ、通勤客に影響が出ている。"),
    "euc_kr": ("서울시, 대중교통 요금 인상 계획 발표",
               "서울시는 내년 상반기부터 지하철과 버스 기본요금을 인상한다고 밝혔다. 시는 적자 "
               "누적으로 요금 조정이 불가피하다고 설명했다. 시민단체는 서민 부담이 커진다며 "
               "반발했다."),
    "gb2312": ("国家统计局：前三季度经济保持稳定增长",
               "国家统计局周三公布的数据显示，前三季度国内生产总值同比增长百分之五。"
               "消费对经济增长的贡献率进一步提高，就业形势总体稳定。"),
    "big5": ("台北市府宣布擴大公共住宅計畫",
             "台北市政府今天宣布，未來四年將新建兩萬戶公共住宅，優先提供給青年與弱勢家庭。"
             "市長表示，將與中央政府合作解決土地取得問題。"),
    "koi8_r": ("В Москве открылась новая линия метро",
               "Мэр Москвы в субботу открыл новую линию метрополитена, которая соединит "
               "северные и южные районы города. Поезда будут ходить с интервалом в две минуты."),
    "cp1251": ("Правительство утвердило бюджет на следующий год",
               "Правительство России утвердило проект федерального бюджета на следующий год. "
               "Расходы на социальную политику увеличатся, сообщил министр финансов."),
}


def feed(title: str, body: str, declaration: str = '<?xml version="1.0"?>') -> str:
    return (f'{declaration}\n<rss version="2.0"><channel><title>News</title>'
            "<link>https://news.example/</link>"
            f"<item><title>{title}</title><link>https://news.example/1</link>"
            f"<description>{body}</description>"
            "<pubDate>Tue, 04 Nov 2025 08:00:00 GMT</pubDate></item></channel></rss>")


def spaced(text: str) -> str:
    """Titles are one line: an ideographic space is a space there."""
    return " ".join(text.split())


def entries(path: Path) -> list[RawArticle]:
    return [a for a in sources.read_file(path) if isinstance(a, RawArticle)]


@pytest.mark.parametrize("encoding", NEWS)
def test_undeclared_feeds_are_detected(tmp_path, encoding):
    title, body = NEWS[encoding]
    (tmp_path / "news.rss").write_bytes(feed(title, body).encode(encoding))
    [entry] = entries(tmp_path / "news.rss")
    assert entry.title == spaced(title)
    assert entry.text == body


@pytest.mark.parametrize("encoding", NEWS)
def test_declared_feeds_follow_their_declaration(tmp_path, encoding):
    title, body = NEWS[encoding]
    label = encoding.replace("_", "-").upper()
    data = feed(title, body, f'<?xml version="1.0" encoding="{label}"?>').encode(encoding)
    (tmp_path / "news.xml").write_bytes(data)
    [entry] = entries(tmp_path / "news.xml")
    assert (entry.title, entry.text) == (spaced(title), body)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_feed_without_a_byte_order_mark(tmp_path, encoding):
    title, body = NEWS["koi8_r"]
    data = feed(title, body, '<?xml version="1.0" encoding="UTF-16"?>').encode(encoding)
    (tmp_path / "news.xml").write_bytes(data)
    [entry] = entries(tmp_path / "news.xml")
    assert entry.title == spaced(title)


def page(title: str, body: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{s}。</p>" if "。" in body else f"<p>{s}.</p>"
                         for s in body.replace("。", ".").split(".") if s.strip())
    return (f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>"
            f"<article><h1>{title}</h1>{paragraphs}</article></body></html>")


@pytest.mark.parametrize("encoding", NEWS)
@pytest.mark.parametrize("declared", [True, False])
def test_pages_in_their_encoding(tmp_path, encoding, declared):
    title, body = NEWS[encoding]
    head = f'<meta charset="{encoding.replace("_", "-")}">' if declared else ""
    (tmp_path / "page.html").write_bytes(page(title, body, head).encode(encoding))
    [article] = entries(tmp_path / "page.html")
    assert article.title == spaced(title)
    assert body.split("。")[0].split(".")[0].split("，")[0] in article.text


GERMAN = ("Bürgermeisterin eröffnet Brücke – Verkehr läuft wieder",
          "Die Brücke über die Isar ist nach zwei Jahren Bauzeit wieder offen. Die "
          "Bürgermeisterin sprach von einem großen Tag für München.")
SPANISH = ("Información del día: el Gobierno aprueba la reforma",
           "El Consejo de Ministros aprobó el martes la reforma de la ley de vivienda. "
           "La oposición anunció un recurso ante el Tribunal Constitucional.")


def _with_stray_byte(text: str) -> bytes:
    return text.replace("–", "\x00").encode("utf-8").replace(b"\x00", b"\x96")


MOJIBAKE = [  # (what the file holds, the headline it must show)
    ("utf-8 declared windows-1252",
     page(*GERMAN, '<meta charset="windows-1252">').encode("utf-8"), GERMAN[0]),
    ("utf-8 declared iso-8859-1",
     page(*SPANISH, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
          ).encode("utf-8"), SPANISH[0]),
    ("utf-8 with one windows-1252 dash", _with_stray_byte(page(*GERMAN)), GERMAN[0]),
    ("utf-8 saved after a cp1252 reading", page(*GERMAN).encode("utf-8").decode("cp1252")
     .encode("utf-8"), GERMAN[0]),
    ("utf-8 saved after a Mac Roman reading", page(*SPANISH).encode("utf-8").decode("mac_roman")
     .encode("utf-8"), SPANISH[0]),
    ("windows-1251 declared iso-8859-1",
     page(*NEWS["cp1251"], '<meta charset="iso-8859-1">').encode("cp1251"), NEWS["cp1251"][0]),
    ("shift_jis declared utf-8",
     page(*NEWS["shift_jis"], '<meta charset="utf-8">').encode("shift_jis"),
     NEWS["shift_jis"][0]),
    ("koi8-r declared windows-1251",
     page(*NEWS["koi8_r"], '<meta charset="windows-1251">').encode("koi8_r"), NEWS["koi8_r"][0]),
]


@pytest.mark.parametrize("name,data,title", MOJIBAKE, ids=[m[0] for m in MOJIBAKE])
def test_declarations_that_make_mojibake_lose(tmp_path, name, data, title):
    (tmp_path / "page.html").write_bytes(data)
    [article] = entries(tmp_path / "page.html")
    assert article.title == spaced(title)
    for sign in ("Ã", "â€", "√", "Ð", "Ï"):
        assert sign not in article.title + article.text


@pytest.mark.parametrize("text", [
    "Château, âge, Ñandú, São Paulo: ÂGE D'OR",
    "Ísland: Þórður Ðórsson, âgé de 30 ans — « Ça va » ≥ 5 √2",
])
def test_real_text_is_not_repaired(text):
    assert decode(text.encode("utf-8"))[0] == text


LINES = [
    b'{"title": "a"}\n{"title": "b"}\n',
    b'{"title": "a"}\r\n\r\n{"title": "b"}',
    b'\xef\xbb\xbf{"title": "caf\xc3\xa9"}\n',
    b"x\ry\r\nz",
    b"a\r\r\nb\r\r",
    b"a\r",
    b"e\xcc\x81 (NFC makes one character of two)\n\n\n",
    "Кремль\r\n東京\n".encode(),
]


@pytest.mark.parametrize("data", LINES)
def test_lines_decoded_one_at_a_time_are_the_lines_of_the_whole_text(data, monkeypatch):
    """A JSONL file's lines, decoded as they are read, are exactly those of its text
    decoded whole: every line end and normal form, in every chunk size."""
    from index.sources.encoding import decode_lines, text_lines

    whole = list(text_lines(decode(data)[0]))
    for chunk in (1, 3, 1 << 20):
        monkeypatch.setattr(encoding, "LINE_CHUNK", chunk)
        lines = decode_lines(data)
        assert lines is not None and list(lines) == whole


@pytest.mark.parametrize("data", [
    b"caf\xe9\n",  # not UTF-8: decode tells what it is
    "MÃ¼nchen\n".encode(),  # mojibake: ftfy repairs the whole text
    b"\x00\x01binary\n",
    codecs.BOM_UTF16_LE + "x\n".encode("utf-16-le"),
    b" \n\t\n",  # only white space: decode says so
])
def test_what_lines_cannot_read_is_decoded_whole(data):
    from index.sources.encoding import decode_lines

    assert decode_lines(data) is None


def test_a_large_jsonl_file_is_never_held_whole_as_text(tmp_path):
    """Its bytes and its articles, and little besides: the whole text decoded at once was
    as large again as the file (Cyrillic: 2 bytes a character either way)."""
    line = json.dumps({"title": "Новости", "text": "Правительство заявило. " * 150},
                      ensure_ascii=False)
    path = tmp_path / "shard.jsonl"
    path.write_text("\n".join([line] * 2000) + "\n", "utf-8")
    data = path.read_bytes()
    tracemalloc.start()
    try:
        items = list(sources.read_file(path, data))
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(items) == 2000 and all(isinstance(item, RawArticle) for item in items)
    assert peak - held < len(data) / 4, (peak - held, len(data))
