"""Pure scoring: questionnaire + assessment in, ScoreCard out (DESIGN §4)."""

from aeo_assess.scoring.score import score

__all__ = ["score"]
