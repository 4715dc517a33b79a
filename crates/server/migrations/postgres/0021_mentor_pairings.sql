-- Mentors for applicants share the buddy scheme's pairings, answers and contact log; a
-- pairing says which scheme it belongs to, and every pairing made before is a buddy's.
ALTER TABLE buddy_pairings ADD COLUMN kind TEXT NOT NULL DEFAULT 'buddy';
