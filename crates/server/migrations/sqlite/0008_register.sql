-- The register of a support group session: whether the people of a booking with a place came
-- ("attended" or "did_not_attend"), empty until staff take it.
ALTER TABLE bookings ADD COLUMN attendance TEXT;
