"""aeo-assess: AEO readiness self-assessment on the WCO SAFE Framework of Standards."""

__version__ = "0.1.0"
