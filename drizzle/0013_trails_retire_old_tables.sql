-- Referral attachments move onto the generic file store: their descriptions here, their bytes (still in the
-- data folder) are imported by the server at start (modules/files: importFilesFromDataDir).
INSERT INTO "file_attachments" ("id", "owner_type", "owner_id", "province_id", "kind", "file_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_by_label", "created_at")
  SELECT "id", 'referral', "referral_id"::text, "province_id", "kind", "file_name", "mime", "size", "sha256", "uploaded_by", "uploaded_by_label", "created_at"
  FROM "referral_attachments";
--> statement-breakpoint
DROP TABLE "login_failures" CASCADE;--> statement-breakpoint
DROP TABLE "referral_attachments" CASCADE;
--> statement-breakpoint
-- Follow-up notes on a referral are a trail like every other: refuse UPDATE, DELETE and TRUNCATE.
CREATE TRIGGER referral_followups_no_update BEFORE UPDATE OR DELETE ON referral_followups
  FOR EACH ROW EXECUTE FUNCTION tashil_referral_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER referral_followups_no_truncate BEFORE TRUNCATE ON referral_followups
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_trail_append_only();
