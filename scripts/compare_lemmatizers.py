"""Compare Polish lemmatizers on word forms from the demo content (issue 16).

Each pair is (what a resident types, the form the demo text uses): a good lemmatizer maps
both to a shared lemma. NOT_SAME pairs are words it must keep apart. Prints, per tool:
pairs joined, pairs wrongly merged, time to load and words per second.

    .venv/bin/python scripts/compare_lemmatizers.py
"""

import os
import sys
import time

SAME = [
    ("świetlicę", "świetlica"), ("świetlicy", "świetlica"), ("świetlicami", "świetlicy"),
    ("seniorów", "seniora"), ("seniorom", "senior"), ("seniorzy", "seniorów"),
    ("zasiłku", "zasiłek"), ("zasiłki", "zasiłków"), ("zasiłkiem", "zasiłku"),
    ("nieodpłatna", "nieodpłatnej"), ("pomoc", "pomocy"), ("prawna", "prawnej"),
    ("niebieska", "niebieskie"), ("karta", "karty"), ("kartę", "karty"),
    ("dodatek", "dodatków"), ("mieszkaniowy", "mieszkaniowych"), ("dodatku", "dodatków"),
    ("klubu", "klub"), ("klubie", "klub"), ("godziny", "godzinach"),
    ("otwarcia", "otwarcie"), ("paczki", "paczek"), ("paczkę", "paczek"),
    ("żywnościowa", "żywnościowych"), ("zarządzenia", "zarządzenie"),
    ("zarządzeń", "zarządzenie"), ("regulaminu", "regulamin"), ("stypendium", "stypendia"),
    ("stypendiów", "stypendia"), ("szkolnego", "szkolne"), ("przemocy", "przemoc"),
    ("rodzinie", "rodzina"), ("rodzinny", "rodzinnego"), ("świadczenia", "świadczenie"),
    ("świadczeń", "świadczenie"), ("opiekuńcze", "opiekuńczych"), ("usługi", "usług"),
    ("wolontariusz", "wolontariuszy"), ("wolontariuszem", "wolontariuszy"),
    ("wniosek", "wniosków"), ("wnioski", "wniosek"), ("dzieci", "dziecko"),
    ("dziecka", "dziecko"), ("osób", "osoba"), ("osobą", "osoba"), ("starszej", "starsza"),
    ("starszych", "starsza"), ("warsztaty", "warsztatów"), ("rodziców", "rodzic"),
    ("nastolatka", "nastolatkiem"), ("alimentów", "alimenty"), ("funduszu", "fundusz"),
    ("porady", "porad"), ("prawnych", "prawne"), ("domu", "dom"), ("społecznej", "społeczna"),
    ("komisji", "komisja"), ("alkoholowych", "alkoholowe"), ("zespołu", "zespół"),
    ("interdyscyplinarnego", "interdyscyplinarny"), ("dostępności", "dostępność"),
    ("deklaracji", "deklaracja"), ("kontaktu", "kontakt"), ("wakacji", "wakacje"),
    ("opiekunów", "opiekun"), ("pielęgnacyjnego", "pielęgnacyjny"), ("miejskim", "miejski"),
    ("stadionie", "stadion"), ("zbiórki", "zbiórka"), ("pracy", "praca"),
]  # fmt: skip
NOT_SAME = [
    ("karta", "kartka"), ("dom", "domowy"), ("pomoc", "pomocnik"), ("klub", "klucz"),
    ("senior", "seniorka"), ("rodzina", "rodzic"), ("opieka", "opiekun"), ("zasiłek", "zasób"),
    ("praca", "pracownik"), ("szkoła", "szkolenie"), ("dziecko", "dzień"),
    ("porada", "poradnia"), ("prawo", "prawny"), ("wniosek", "wnioskodawca"),
    ("paczka", "paczkomat"),
]  # fmt: skip


def fold(text):
    import unicodedata

    text = text.translate(str.maketrans({"ł": "l", "Ł": "L"}))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def simplemma_tool():
    import simplemma

    return lambda word: {simplemma.lemmatize(word.lower(), lang="pl")}


def stempel_tool():
    from pystempel import Stemmer

    stemmer = Stemmer.polimorf()
    return lambda word: {stemmer(word.lower()) or word.lower()}


def morfeusz_tool():
    import morfeusz2

    morf = morfeusz2.Morfeusz(expand_tags=False)

    def lemmas(word):
        found = {item[2][1].split(":")[0].lower() for item in morf.analyse(word.lower())}
        return found or {word.lower()}

    return lemmas


def morfeusz_first_tool():
    """Morfeusz, but only the first interpretation (one lemma per word, as simplemma gives)."""
    import morfeusz2

    morf = morfeusz2.Morfeusz(expand_tags=False)
    return lambda word: {morf.analyse(word.lower())[0][2][1].split(":")[0].lower()}


def measure(name, factory):
    started = time.perf_counter()
    devnull = open(os.devnull, "w")  # noqa: SIM115 - pystempel prints a progress bar
    stderr, sys.stderr = sys.stderr, devnull
    try:
        lemmas = factory()
        lemmas("próba")
    finally:
        sys.stderr = stderr
    loaded = time.perf_counter() - started
    joined = [
        pair
        for pair in SAME
        if {fold(x) for x in lemmas(pair[0])} & {fold(x) for x in lemmas(pair[1])}
    ]
    merged = [
        pair
        for pair in NOT_SAME
        if {fold(x) for x in lemmas(pair[0])} & {fold(x) for x in lemmas(pair[1])}
    ]
    words = [w for pair in SAME + NOT_SAME for w in pair] * 50
    started = time.perf_counter()
    for word in words:
        lemmas(word)
    rate = len(words) / (time.perf_counter() - started)
    missed = [pair for pair in SAME if pair not in joined]
    print(
        f"{name:16} joined {len(joined)}/{len(SAME)} ({100 * len(joined) / len(SAME):.0f}%), "
        f"wrongly merged {len(merged)}/{len(NOT_SAME)}, load {loaded:.1f} s, "
        f"{rate:,.0f} words/s uncached"
    )
    print(f"{'':16} missed: {missed}")
    print(f"{'':16} merged: {merged}")


if __name__ == "__main__":
    measure("none (fold)", lambda: lambda word: {word.lower()})
    measure("simplemma 2.0", simplemma_tool)
    measure("pystempel 2.0", stempel_tool)
    measure("morfeusz2 all", morfeusz_tool)
    measure("morfeusz2 first", morfeusz_first_tool)
