"""The estimate's own words in the reader's language: model names, interval kinds, notes and error messages.

The estimate package speaks English, one line per message, with the figures inside (a model's interactions,
a file name, a count). Each known message is matched here by a pattern, its figures kept and its words
translated; a message no pattern knows is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from aqiqat.web.formatting import Formatter
from aqiqat.web.labels import N_

# (pattern, message id); groups named "inner" or "rest" hold a message translated in its turn
MESSAGES: tuple[tuple[str, str], ...] = (
    # model names
    (r"independence \(main effects only\)", N_("independence (main effects only)")),
    (r"all two-way interactions", N_("all two-way interactions")),
    (r"all two-way interactions except (?P<terms>.+)", N_("all two-way interactions except %(terms)s")),
    (r"main effects \+ (?P<terms>.+)", N_("main effects + %(terms)s")),
    (r"latent classes, truncated Dirichlet process, K = (?P<k>\d+)",
     N_("latent classes, truncated Dirichlet process, K = %(k)s")),
    (r"two lists: Chapman's Lincoln-Petersen estimate", N_("two lists: Chapman's Lincoln-Petersen estimate")),
    (r"sum over (?P<n>\d+) strata", N_("sum over %(n)s strata")),
    # interval kinds
    (r"profile likelihood", N_("profile likelihood")),
    (r"posterior credible \(equal-tailed\)", N_("posterior credible interval")),
    (r"log-normal \(Chao\)", N_("log-normal interval (Chao)")),
    (r"normal approximation \(sum of strata\)", N_("normal approximation (sum of strata)")),
    (r"posterior credible \(sum of strata\)", N_("posterior credible interval (sum of strata)")),
    # notes
    (r"two lists cannot test dependence between them: .*",
     N_("Two lists cannot test dependence between them: the estimate assumes that being on one list does not "
        "change the chance of being on the other. A third list is needed to check it.")),
    (r"nobody is on both lists: .*",
     N_("Nobody is on both lists: the estimate is unreliable and its interval very wide.")),
    # errors
    (r"no lists in the register yet: .*",
     N_("No lists in the register yet: import lists, or upload a capture-pattern table.")),
    (r"need at least 2 lists to estimate, got (?P<n>\d+)",
     N_("At least 2 lists are needed to estimate; there are %(n)s.")),
    (r"LCMCR needs at least three lists, got (?P<n>\d+).*",
     N_("LCMCR needs at least three lists; there are %(n)s. With two lists its latent classes are not identified "
        "and the posterior only repeats the prior: use the log-linear method (Chapman's two-list estimate).")),
    (r"the model '(?P<inner>.+)' did not converge .*",
     N_("The model «%(inner)s» did not converge: these data cannot identify the total.")),
    (r"list\(s\) with nobody on them: (?P<names>.+); drop them before estimating",
     N_("Lists with nobody on them: %(names)s. Leave them out before estimating.")),
    (r"nobody is on any list", N_("Nobody is on any list.")),
    (r"the estimate by threshold needs at least two lists in the register",
     N_("The estimate by threshold needs at least two lists in the register.")),
    (r"two lists allow no interaction between them", N_("Two lists allow no interaction between them.")),
    (r"the all-zero pattern is unobserved by definition and cannot be in the table",
     N_("The all-zero pattern (on no list) cannot be observed, so it cannot be in the table.")),
    (r"no '(?P<col>\w+)' column \(header: (?P<header>.*)\)", N_("No «%(col)s» column (the header is: %(header)s).")),
    (r"empty file", N_("The file is empty.")),
    (r"duplicate capture patterns in the table", N_("The same capture pattern appears twice in the table.")),
    (r"the table counts nobody", N_("The table counts nobody.")),
    (r"need at least 2 list columns besides '(?P<col>\w+)', got (?P<n>\d+)",
     N_("At least 2 list columns are needed besides «%(col)s»; there are %(n)s.")),
    (r"(?P<n>\d+) fields, expected (?P<expected>\d+)", N_("%(n)s fields where the header has %(expected)s.")),
    (r"method must be one of (?P<names>.+)", N_("The method must be one of %(names)s.")),
    # prefixes: where the message came from
    (r"stratum (?P<name>[^:]+): (?P<rest>.+)", N_("stratum %(name)s: %(rest)s")),
    (r"threshold (?P<t>[\d.]+): (?P<rest>.+)", N_("threshold %(t)s: %(rest)s")),
    (r"(?P<file>\S+\.(?:csv|txt)) line (?P<line>\d+): (?P<rest>.+)", N_("%(file)s, line %(line)s: %(rest)s")),
    (r"(?P<file>\S+\.(?:csv|txt)): (?P<rest>.+)", N_("%(file)s: %(rest)s")),
)
COMPILED = tuple((re.compile(pattern, re.DOTALL), message) for pattern, message in MESSAGES)
NESTED = {"inner", "rest"}


def translate(fmt: Formatter, text: str | None) -> str:
    """``text`` in the reader's language when a pattern knows it, else unchanged."""
    if not text:
        return ""
    for pattern, message in COMPILED:
        match = pattern.fullmatch(text)
        if match:
            values = {k: translate(fmt, v) if k in NESTED else v for k, v in match.groupdict().items()}
            return fmt.gettext(message, **values) if values else fmt.gettext(message)
    return text


def estimate_helpers(fmt: Formatter) -> dict[str, Callable[[str | None], str]]:
    """The template helper ``estimate_text``."""
    return {"estimate_text": lambda text: translate(fmt, text)}
