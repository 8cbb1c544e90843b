"""Country profiles, regions and the peer-statistics maths: pure, with no database or file format.

Storage counts scores in SQL; this package turns counts into statistics, pools them, decides
which groups are large enough to show (k-anonymity) and builds the comparison an applicant sees.
"""
