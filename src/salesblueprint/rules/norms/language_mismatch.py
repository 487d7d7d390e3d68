from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _, ngettext
from salesblueprint.rules.analysis.stages import judged_criteria, short
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_NAMES = {"en": _("English"), "nl": _("Dutch")}


@rule("SB251", "language-mismatch", group="norms", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """Stage names and exit criteria written in another language than the blueprint's.

    ## What it does
    Detects the language of every deal stage name and exit criterion (English or Dutch, from
    function words, the norm vocabularies' words and spelling; a text that is not clearly one
    language is left alone) and reports, once per file, the texts written in another language
    than the blueprint's ``language`` (``en`` when the key is missing), with how many there are
    and the first one: when they outnumber the texts in the declared language, or when an exit
    criterion is among them. A few deal stage names in English in a Dutch blueprint (team
    jargon) are not reported, and evidence, which often names a tool's English artefacts, is
    not counted. The norm checks judge each of those texts with the vocabulary
    of the language it is written in, so they still work; this finding says the declaration is
    wrong or the texts are mixed.

    ## Why is this bad?
    ``language`` chooses the vocabulary of the norm checks, the examples in their messages and
    the suggested stage names. A Dutch team that forgets the line gets English advice on Dutch
    text, and a blueprint that mixes languages reads as two processes to the team using it.

    ## Example
    ```yaml
    salesblueprint: 1
    name: Inbound
    pipelines:
      - id: verkoop
        stages:
          - id: offerte
            name: Offerte verstuurd
            exit_criteria: [Klant heeft de offerte ondertekend]
    ```
    Use instead:
    ```yaml
    salesblueprint: 1
    name: Inbound
    language: nl
    pipelines:
      - id: verkoop
        stages:
          - id: offerte
            name: Offerte ondertekend
            exit_criteria: [Klant heeft de offerte ondertekend]
    ```
    """
    from salesblueprint.norms_vocab.detect import detect

    declared = ctx.bp.language
    same = 0
    other: dict[str, list[str]] = {}
    names = [
        s.name
        for p in ctx.bp.pipelines
        for s in [*p.stages, *p.after_close]
        if s.outcome is None and s.name is not None
    ]
    outcomes = [c.outcome for _stage, c in judged_criteria(ctx.bp)]
    for text in [*names, *outcomes]:
        lang = detect(text)
        if lang is None:
            continue
        if lang == declared:
            same += 1
        else:
            other.setdefault(lang, []).append(text)
    criteria = {t for t in outcomes if detect(t) not in (None, declared)}
    for lang, texts in sorted(other.items()):
        n = len(texts)
        if n > same:
            fix: str = f"set `language: {lang}`"
        elif any(t in criteria for t in texts):
            fix = ngettext(
                "write it in {language}",
                "write them in {language}",
                n,
                language=_NAMES.get(declared, declared),
            )
        else:
            continue  # a few stage names in the other language: team jargon, not a mistake
        yield Problem(
            (),
            _(
                "{texts} written in {language} in a blueprint whose language is "
                "'{declared}' (first: '{short}'); the norm checks read {them} as "
                "{language}; {fix}",
                texts=ngettext("{n} text", "{n} texts", n),
                language=_NAMES.get(lang, lang),
                declared=declared,
                short=short(texts[0], 40),
                them=_("them") if n > 1 else _("it"),
                fix=fix,
            ),
            at="language",
        )
