-- The tasks of an applicant's assessment (references, medical, DBS, Skills to Foster, the home
-- safety check): when the applicant ticked each and when the recruitment team confirmed it. A
-- task with no row is still to do.
CREATE TABLE application_tasks (
    household_id TEXT NOT NULL,
    task TEXT NOT NULL,
    ticked_on TEXT,
    confirmed_on TEXT,
    confirmed_by TEXT,
    PRIMARY KEY (household_id, task)
);
