"""PDF reports with ReportLab: domain objects in, bytes out (DESIGN §8)."""

from aeo_assess.reporting.readiness import PAGE_SIZES, render_readiness_report

__all__ = ["PAGE_SIZES", "render_readiness_report"]
