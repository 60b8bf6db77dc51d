"""Every tuned number of the line classifier, in one place.

Calibration: set by hand on the shared scraped sample (``../shared/samples``) and the
fictional demo corpus (``marsad/samples``), then checked by reading every removal the
cleaner makes over all 26k SaudiNewsNet articles and samples of the headings it finds
(``benchmarks/bench_analyze.py --dump N``), and against the newspaper4k pages with expected
text (HTML path F1, ``benchmarks/bench_analyze.py``).  After any change rerun that benchmark
and ``pytest tests/clean`` (the tests pin the behaviours these numbers must keep).

A line is removed when its score reaches :data:`REMOVE_THRESHOLD`.  The score adds up
*evidence* (each item has a name that becomes the removal reason), so every decision can be
explained by listing the items.
"""

REMOVE_THRESHOLD = 1.0

# Weight of a boilerplate family (see patterns.FAMILIES) when the family's words cover the
# whole line.  Families whose words are rare in prose weigh more.
FAMILY_WEIGHTS: dict[str, float] = {
    "share": 1.1,
    "social": 0.8,  # a network name alone is a widget label; inside prose it is just a word
    "short_link": 1.6,
    "read_also": 1.5,
    "follow": 1.2,
    "copyright": 1.6,
    "navigation": 0.9,
    "comments": 0.9,
    "disclaimer": 1.4,
    "label": 0.6,
    "advert": 1.0,
    "more_link": 1.2,
    "counter": 0.9,
    "sms": 0.8,  # operator names: alone they are the companies (patterns.FAMILIES)
}
# Each further family seen on the same line adds this (e.g. "Share on facebook": share + social).
EXTRA_FAMILY_BONUS = 0.3
# A family's weight is scaled by COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage, where
# coverage is the share of the line's content words (stopwords aside) that boilerplate
# phrases matched.  0.25 keeps "نشر الوزير على فيسبوك صورة" (coverage 1/4) well below
# the threshold while "شارك عبر واتساب" (coverage 1) is far above.
COVERAGE_FLOOR = 0.25

# The removal reason names the line's boilerplate family when that family alone scored at
# least this much, else the strongest evidence (position, repetition...).
REASON_FAMILY_MIN = 0.5

# Lines of at most this many words with no sentence punctuation look like labels.
LABEL_MAX_WORDS = 3
LABEL_BONUS = 0.3
# A short all-Latin line inside an Arabic article ("Facebook", "Print"): a widget label.
LATIN_LABEL_MAX_WORDS = 4
LATIN_LABEL_BONUS = 0.5
# Short lines after the last real paragraph (the page's tail) are usually widgets.
TAIL_MAX_WORDS = 8
TAIL_BONUS = 0.45
# After a "read also" header, lines up to this long without a final full stop are related links.
RELATED_MAX_WORDS = 18
RELATED_BONUS = 1.2
# A short line seen more than once in the same article is a repeated widget label.
REPEAT_MAX_WORDS = 8
REPEAT_BONUS = 0.5
# Lines ending with sentence punctuation read like prose: evidence against removal.
SENTENCE_END_PENALTY = 0.4

# A line that is one quotation («Send», "Facebook") names the thing it quotes.
QUOTED_LINE_PENALTY = 0.5
# A numbered item ("3. ...") belongs to the article's own list: evidence against removal.
NUMBERED_ITEM_PENALTY = 0.8

# The guard: a line with at least this many Arabic words and sentence punctuation is prose
# and is never removed by the pattern evidence (only as an exact repeat, or by a strong
# per-site repetition signal, see SITE_OVERRIDE_FREQUENCY).
GUARD_MIN_ARABIC_WORDS = 8
# ... unless it is short (at most GUARD_OVERRIDE_MAX_WORDS words) and boilerplate phrases cover
# at least GUARD_OVERRIDE_COVERAGE of its content words: a column's SMS contact footer has eleven
# Arabic words and commas, and every content word of it is a boilerplate word (0.85 also takes it
# where the outlet broke it before «ثم الرسالة»: 8 of 9).  Checked with
# benchmarks/compare_cleaner.py against the cleaner without it (docs/benchmarks.md, thirteenth
# session): rerun it after any change.
GUARD_OVERRIDE_MAX_WORDS = 25
GUARD_OVERRIDE_COVERAGE = 0.85
# Only among the article's last lines, where footers are: looking at every short prose line (before
# the phrase families got their anchor test) took the cleaner from about 1.1-1.4 to 1.5-1.8 ms per
# record (5,000 SaudiNewsNet records, best of 3, alternated; a noisy machine).
GUARD_OVERRIDE_LAST_LINES = 3
SENTENCE_PUNCTUATION = ".!?؟؛…،,:"

# Per-site repeated-line signal (see cleaner.SiteLineFrequency): a line that appears in a
# share f of a site's articles adds SITE_WEIGHT * f.  Lines seen in at least
# SITE_OVERRIDE_FREQUENCY of them go even when the guard would keep them (disclaimers and
# comment policies are long sentences that every page of a site repeats).
SITE_WEIGHT = 1.5
SITE_OVERRIDE_FREQUENCY = 0.5

# Title repeats (and the tag lines under them) are looked for in the first few lines only.
TITLE_LINE_MAX_INDEX = 3
# Title: the first line is taken as the title when no title is known, if it is at most this
# many words and does not end like a sentence.
TITLE_MAX_WORDS = 30
# ...and when its boilerplate evidence stays below this (a headline that mentions Facebook
# in passing scores ~0.3; a widget line scores over 1).
TITLE_MAX_BOILERPLATE = 0.5
# Tags: up to TAG_MAX_LINES short lines (≤ TAG_MAX_WORDS words each) between the title and
# the first paragraph.
TAG_MAX_WORDS = 4
TAG_MAX_LINES = 3
# Subheadings: short lines between paragraphs, without final punctuation.
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
# Bold-only HTML paragraphs up to this many words are subheadings.
BOLD_HEADING_MAX_WORDS = 15
# Byline / date lines are looked for in the first and last few lines.
META_LINES_HEAD = 4
META_LINES_TAIL = 3
DATE_LINE_MAX_WORDS = 12
# An outlet's credit at the top of the body (reporters, outlet, place) runs to at most this
# many words, and one before a colon opens a paragraph of at least CREDIT_BODY_MIN_WORDS
# words.  The longest credits in the 15-day SaudiNewsNet archive are two reporters, the
# outlet and the place (8 words); rerun ``benchmarks/compare_cleaner.py`` after any change.
CREDIT_MAX_WORDS = 10
CREDIT_BODY_MIN_WORDS = 8
# A tags label glued to the end of the last paragraph (patterns.TAG_TAIL) has at most this
# many words after it: at 15, 5 of 3alyoum's «سمات» lists in the 15-day SaudiNewsNet archive
# were too long (up to 17 words); rerun ``benchmarks/compare_cleaner.py`` after any change.
TAG_TAIL_MAX_WORDS = 25

# Hard-wrapped text (saved at a fixed width, e.g. by `fmt` or old mail tools): the width is
# the 90th-percentile line length; the text counts as wrapped when it lies in this range
# and at least WRAP_MIN_SHARE of the lines reach WRAP_NEAR of it without ending a sentence.  News paragraphs as
# scrapers save them are single lines of hundreds of characters, far above the range.
WRAP_MIN_LINES = 6
WRAP_MIN_WIDTH = 40
WRAP_MAX_WIDTH = 120
WRAP_NEAR = 0.75
WRAP_MIN_SHARE = 0.5
