-- The audit log is append-only: the database itself refuses to change or remove history.
CREATE OR REPLACE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
--> statement-breakpoint
ALTER TABLE households ADD CONSTRAINT households_area_positive CHECK (area IS NULL OR area > 0);
--> statement-breakpoint
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_known CHECK (role IN ('community_admin','grid_worker','courtyard_head','dept_staff','shopkeeper','supervisor','observer'));
--> statement-breakpoint
ALTER TABLE units ADD CONSTRAINT units_kind_known CHECK (kind IN ('district','street','town','community','village','enterprise','grid','courtyard','building','unit'));
