-- aeo-assess on a shared PostgreSQL server: what the officers' role may do (docs/shared-database.md).
-- Run as the owner (aeo_owner), connected to the aeo-assess database, after the first opening
-- and again after every upgrade of aeo-assess (it is idempotent), for example:
--     psql -h SERVER -U aeo_owner -d aeo_assess -f shared-database-grants.sql
--
-- Officers read every assessment and write reviews (verdicts, remarks, findings, outcome).
-- Traders' data arrives only through applicant files that an officer imports: officers may
-- INSERT into the tables an import fills, never UPDATE or DELETE an applicant's answers or
-- evidence. The derived listing columns of an assessment (its status and summary scores) are
-- the only assessment columns they may change.

DO $grants$
BEGIN
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', current_schema());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO aeo_officer', current_schema());
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM aeo_officer', current_schema());
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO aeo_officer', current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO aeo_officer',
                   current_schema());
END
$grants$;

-- Imports of applicant files (.aeoa): the submission and everything in it.
GRANT INSERT ON questionnaires, assessments, answers, answer_history, evidence, evidence_links,
    plan_entries TO aeo_officer;

-- The listing columns kept current on every write (status: submitted -> under review), and
-- what an imported submission's signature means here (set on import, changed when the
-- officer accepts a resubmission signed by another key).
GRANT UPDATE (status, updated_at, applicable, answered, overall, level, blocking_gaps,
    provisional, signature_state, signer_fingerprint, signer_name, signer_organisation)
    ON assessments TO aeo_officer;

-- Derived per-criterion scores, recomputed on import.
GRANT INSERT, UPDATE, DELETE ON criterion_scores TO aeo_officer;

-- The officers' own work: reviews and their history, review files exported, workshops and
-- imported benchmark packs.
GRANT INSERT, UPDATE, DELETE ON reviews, question_reviews, findings, exported_submissions,
    workshops, workshop_members, benchmark_packs, benchmark_groups, benchmark_stats,
    benchmark_bins TO aeo_officer;
GRANT INSERT ON review_history TO aeo_officer;
