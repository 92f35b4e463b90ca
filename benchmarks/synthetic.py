"""A deterministic generator of multilingual synthetic news articles for the scale runs.

Real corpora are too small (or too monolingual) for the 200,000-article target, so this
module writes articles that look like news to the engine: realistic lengths (1-4 kB),
Zipf-distributed vocabulary per language (a hand list of common words on top of
pseudo-words built from each language's syllables, so the lexicon grows as real text does),
country names in the article's language (from babel's CLDR data, which the engine's gazetteer
also reads), header dates in each language's own style (``08.11.2025, 05.30 Uhr``,
``12 March 2025``), and sources.

Layout under ``dest``::

    txt/<source>/<shard>-<n>.txt   title, blank line, "City, date" header, paragraphs
    jsonl/shard-<k>.jsonl          one object per line: title, text, date, lang, source, url

Most shards are ``.txt`` folders (the per-file path of the indexer); every fourth shard is a
JSONL file with metadata (the per-entry path). Shard ``k`` depends only on ``(seed, k,
size)``, so shards are generated in parallel and the same arguments give the same bytes.

    python -m benchmarks.synthetic DEST --articles 200000 [--seed 1] [--shard-size 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

# The most common words of each language, most frequent first (function words, then common
# news words). They take the top ranks of the Zipf distribution, which is what makes language
# detection, stop-word-heavy posting lists and the stemmers behave as on real text.
COMMON = {
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
          "auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie "
          "einem über einen so zum war haben nur oder aber vor zur bis mehr durch man "
          "Regierung Präsident Jahr Prozent Millionen Land Stadt Polizei Wirtschaft Bundes "
          "sagte sollen Minister Unternehmen Krieg Wahl Menschen Markt Zeit neue ersten "
          "Gespräche Abkommen Verhandlungen Sicherheit Kanzler Straße größte",
    "en": "the of and to in a is that for on it with as was he by at from his an be "
          "have has are but not they this which were had said its who been would their "
          "will more after also government president year percent million people country "
          "city police market economy minister company war election talks agreement "
          "security officials week first new state reported prices shares oil bank",
    "fr": "de la le et les des en du un une est que à dans qui pour pas sur au par il "
          "plus ne a se ce avec sont elle été aux ont mais leur cette son ses nous "
          "gouvernement président année pour cent millions pays ville police économie "
          "ministre entreprise guerre élection négociations accord sécurité semaine "
          "premier nouveau selon marché prix banque État",
    "es": "de la que el en y a los se del las un por con no una su para es al lo como "
          "más pero sus le ha me si sin sobre este ya entre cuando todo esta ser son "
          "gobierno presidente año por ciento millones país ciudad policía economía "
          "ministro empresa guerra elecciones negociaciones acuerdo seguridad semana "
          "primer nuevo según mercado precios banco Estado",
    "it": "di e il la che a in per un è del non una le si da con i dei al sono alla "
          "della anche come più ma nel ha lo gli questo delle suo sua stato essere "
          "governo presidente anno per cento milioni paese città polizia economia "
          "ministro azienda guerra elezioni negoziati accordo sicurezza settimana "
          "primo nuovo secondo mercato prezzi banca",
    "ru": "и в не на что с по он как а к из это то за но от все так его же для о до "
          "был она уже было при только бы когда также если или после может "
          "правительство президент год процентов миллионов страна город полиция "
          "экономика министр компания война выборы переговоры соглашение "
          "безопасность неделя первый новый рынок цены банк заявил",
    "pl": "w i na z się do nie że to jest o jak a po od przez za jego dla ale tak co "
          "też być już roku który może tym przy oraz będzie tylko było są "
          "rząd prezydent rok procent milionów kraj miasto policja gospodarka "
          "minister firma wojna wybory rozmowy porozumienie bezpieczeństwo tydzień "
          "pierwszy nowy według rynek ceny bank",
    "nl": "de het een van en in is dat op te voor met zijn niet aan er die ook als bij "
          "door om maar was worden uit naar heeft nog dan wordt tot wel kan over "
          "regering president jaar procent miljoen land stad politie economie "
          "minister bedrijf oorlog verkiezingen gesprekken akkoord veiligheid week "
          "eerste nieuwe volgens markt prijzen bank",
}
SYLLABLES = {
    "de": "ver ge be un an aus ein schaft ung keit lich isch ter ten der wand stadt land "
          "haus werk zeit bahn kraft feld berg bau markt recht stein wald grund tag halt "
          "stell spiel fahr füh bün nis los reich sicht",
    "en": "con pro re de in com ex per tion ment ness able ing er ly al ic ive ous ship "
          "port form tract struct press mit duct stand light house work field land ward",
    "fr": "con pro re dé in com ex par tion ment ité able eur eux ique isme ance ence "
          "ier ière age ville champ mont port forme trait temps lieu",
    "es": "con pro re de in com ex par ción miento idad able dor oso ico ismo ancia "
          "encia ero era aje villa campo monte puerto forma tiempo lugar",
    "it": "con pro re de in com ex per zione mento ità abile tore oso ico ismo anza "
          "enza iere iera aggio villa campo monte porto forma tempo luogo",
    "ru": "про пере за по на вы от об ние ость ство тель ный ская ский ение ация "
          "город дом рабо вод зем ми ко ла на ро ст ка ри ве",
    "pl": "prze za po na wy od ob nie ość stwo tel ny ska ski enie acja gród dom "
          "pra wod ziem mi ko ła rz cz sz",
    "nl": "ver ge be on aan uit in heid ing lijk isch schap ter den stad land huis "
          "werk tijd baan kracht veld berg bouw markt recht steen",
}
CITIES = {
    "de": "Berlin Hamburg München Köln Frankfurt Wien Zürich Kehl Leipzig Bremen",
    "en": "London Washington New-York Chicago Sydney Toronto Dublin Boston Houston Leeds",
    "fr": "Paris Lyon Marseille Bruxelles Genève Toulouse Lille Bordeaux Nantes Dakar",
    "es": "Madrid Barcelona Sevilla Valencia México Bogotá Lima Santiago Quito Bilbao",
    "it": "Roma Milano Napoli Torino Firenze Bologna Venezia Genova Palermo Bari",
    "ru": "Москва Петербург Казань Новосибирск Самара Омск Пермь Уфа Сочи Тула",
    "pl": "Warszawa Kraków Gdańsk Wrocław Poznań Łódź Lublin Szczecin Katowice Toruń",
    "nl": "Amsterdam Rotterdam Utrecht Den-Haag Eindhoven Groningen Gent Antwerpen Leiden "
          "Delft",
}
SOURCES = {
    "de": ("tagblatt", "rundschau", "kurier"),
    "en": ("herald", "chronicle", "wire"),
    "fr": ("quotidien", "depeche"),
    "es": ("diario", "cronica"),
    "it": ("corriere", "gazzetta"),
    "ru": ("vesti", "gazeta"),
    "pl": ("dziennik", "kurier-pl"),
    "nl": ("dagblad", "courant"),
}
LANGS = tuple(COMMON)
LANG_WEIGHTS = (24, 30, 10, 10, 8, 7, 5, 6)
"""Share of each language: German and English lead, as in the project's own use."""
COUNTRIES = ("US CN DE FR RU UA GB IL IR KZ IT ES PL NL TR IN JP BR SA AE EG PS SY CH AT "
             "BE SE NO CA MX AR ZA NG KE AU KR KP VN ID PK").split()
"""Countries mentioned, most often first (Zipf weights)."""
VOCABULARY = 20000
"""Pseudo-words per language, beyond the common words."""
START = datetime(2023, 1, 1)
DAYS = 3 * 365


@dataclass(frozen=True)
class Language:
    code: str
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]
    title_words: tuple[str, ...]
    """``words[40:]``: titles skip the function words."""
    title_weights: tuple[float, ...]
    countries: tuple[str, ...]
    months: tuple[str, ...]
    cities: tuple[str, ...]


@cache
def language(code: str) -> Language:
    """Vocabulary of one language: common words, then pseudo-words, Zipf-weighted."""
    from babel import Locale

    rng = random.Random(f"vocab-{code}")
    common = COMMON[code].split()
    syllables = SYLLABLES[code].split()
    seen, extra = set(common), []
    while len(extra) < VOCABULARY:
        word = "".join(rng.choice(syllables) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            extra.append(word.capitalize() if code == "de" and rng.random() < 0.35 else word)
    words = tuple(common + extra)
    total, cum = 0.0, []
    for rank in range(len(words)):
        total += 1.0 / (rank + 2.7)
        cum.append(total)
    locale = Locale(code)
    names = tuple(locale.territories.get(c, c) for c in COUNTRIES)
    months = tuple(locale.months["format"]["wide"][m] for m in range(1, 13))
    return Language(code, words, tuple(cum), words[40:], tuple(cum[40:]), names, months,
                    tuple(c.replace("-", " ") for c in CITIES[code].split()))


_COUNTRY_CUM = tuple(sum(1.0 / (r + 1) for r in range(n + 1)) for n in range(len(COUNTRIES)))


def header_date(lang: Language, when: datetime) -> str:
    """A date line as the language's newspapers print it."""
    day, month, year = when.day, lang.months[when.month - 1], when.year
    if lang.code == "de":
        return f"{when:%d.%m.%Y}, {when:%H.%M} Uhr"
    if lang.code == "en":
        return f"{day} {month} {year}" if when.day % 2 else f"{month} {day}, {year}"
    if lang.code in ("es", "pt"):
        return f"{day} de {month} de {year}"
    if lang.code == "fr":
        return f"{day} {month} {year} à {when:%H}h{when:%M}"
    return f"{day} {month} {year}"


def _sentences(rng: random.Random, lang: Language, words: list[str]):
    """Cut a run of drawn words into sentences, with countries and numbers mixed in."""
    at = 0
    while at < len(words):
        n = rng.randint(7, 22)
        sentence = words[at:at + n]
        at += n
        if rng.random() < 0.22:
            country = rng.choices(lang.countries, cum_weights=_COUNTRY_CUM)[0]
            sentence.insert(rng.randrange(len(sentence)), country)
        if rng.random() < 0.15:
            sentence.insert(rng.randrange(len(sentence)), str(rng.randint(2, 2000)))
        first = sentence[0]
        sentence[0] = first[:1].upper() + first[1:]
        yield " ".join(sentence) + rng.choice(".....?!")


def article(rng: random.Random, lang: Language) -> dict:
    """One article as a dict: title, text (paragraphs), date (or None), city."""
    target = int(rng.triangular(900, 4000, 1800))
    drawn = rng.choices(lang.words, cum_weights=lang.cum_weights, k=target // 6)
    sentences = list(_sentences(rng, lang, drawn))
    paragraphs, at = [], 0
    while at < len(sentences):
        n = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[at:at + n]))
        at += n
    title_words = rng.choices(lang.title_words, cum_weights=lang.title_weights,
                              k=rng.randint(4, 9))
    if rng.random() < 0.5:
        title_words.insert(rng.randrange(len(title_words)), rng.choice(lang.countries[:12]))
    title = " ".join(title_words)
    title = title[:1].upper() + title[1:]
    dated = rng.random() < 0.9
    when = START + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(1440)) \
        if dated else None
    return {"title": title, "text": "\n\n".join(paragraphs), "date": when,
            "city": rng.choice(lang.cities)}


def _pick_lang(rng: random.Random) -> str:
    return rng.choices(LANGS, weights=LANG_WEIGHTS)[0]


def write_shard(dest: Path, seed: int, shard: int, size: int) -> int:
    """Write shard ``shard`` (``size`` articles); JSONL for every fourth shard."""
    rng = random.Random(f"{seed}-{shard}-{size}")
    as_jsonl = shard % 4 == 3
    lines = []
    for n in range(size):
        code = _pick_lang(rng)
        lang = language(code)
        a = article(rng, lang)
        source = rng.choice(SOURCES[code])
        if as_jsonl:
            lines.append(json.dumps({
                "title": a["title"], "text": a["text"], "lang": code, "source": source,
                "date": a["date"].isoformat() if a["date"] else None,
                "url": f"https://{source}.example/{shard}/{n}",
            }, ensure_ascii=False))
            continue
        header = f"{a['city']}, {header_date(lang, a['date'])}\n\n" if a["date"] else ""
        folder = dest / "txt" / source
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{shard:03d}-{n:05d}.txt").write_text(
            f"{a['title']}\n\n{header}{a['text']}\n", encoding="utf-8")
    if as_jsonl:
        (dest / "jsonl").mkdir(parents=True, exist_ok=True)
        (dest / "jsonl" / f"shard-{shard:03d}.jsonl").write_text(
            "\n".join(lines) + "\n", encoding="utf-8")
    return size


def generate(dest: Path, articles: int, seed: int = 1, shard_size: int = 10000,
             workers: int = 2) -> Path:
    """Write ``articles`` articles under ``dest`` (skipped when a complete copy is there)."""
    dest = Path(dest)
    stamp = dest / ".complete"
    if stamp.exists() and stamp.read_text() == f"{articles} {seed} {shard_size}":
        return dest
    if dest.exists():
        import shutil

        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    sizes = [min(shard_size, articles - start) for start in range(0, articles, shard_size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = sum(pool.map(write_shard, [dest] * len(sizes), [seed] * len(sizes),
                            range(len(sizes)), sizes))
    assert done == articles
    stamp.write_text(f"{articles} {seed} {shard_size}")
    return dest


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dest", type=Path)
    p.add_argument("--articles", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--shard-size", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    args = p.parse_args(argv)
    started = time.perf_counter()
    generate(args.dest, args.articles, args.seed, args.shard_size, args.workers)
    print(f"{args.articles:,} articles in {time.perf_counter() - started:.1f} s -> {args.dest}")


if __name__ == "__main__":
    main()
