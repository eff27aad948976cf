-- The name of who took a referral's step, as it was then, like every other trail (columns.ts actorColumns); rows
-- written before it was kept have none, and are read with the user's present name.
ALTER TABLE "referral_events" ADD COLUMN "actor_name" text;
