"""Synthetic, consistent 部门预算 documents for property tests and benchmarks.

Why: the real corpus is a handful of documents; the checker's promise ("every
error, no false alarms") needs many documents whose correct answer is known.
:func:`generate` builds one from exact values (4 decimals below the written
precision) so that it satisfies every identity of budget-rules.md §2 up to
rounding, in exactly the plain-text layout of the 2023 seed (tab-separated
cells, ``单位：`` lines, one- or two-row headers, optional page breaks that
drop empty cells).  :func:`perturb` then corrupts one cell by more than any
rounding can explain, so a checker must report an error there;
:func:`rounding_jitter` re-rounds the same document to show what it must
*not* report as an error.  Pure stdlib, deterministic per rng seed.
"""

from tests.synth.generate import generate, jitter_doc, rounding_jitter
from tests.synth.perturb import min_delta, perturb
from tests.synth.writer import SynthCell, SynthDoc

__all__ = ["SynthCell", "SynthDoc", "generate", "jitter_doc", "min_delta", "perturb", "rounding_jitter"]
