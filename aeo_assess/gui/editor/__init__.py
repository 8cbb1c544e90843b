"""The assessment editor (issue 4): questions, answers, evidence, undo, and the dashboard."""
