-- 一长三员: the courtyard's three volunteers (宣传员, 代办员, 信息员) are roles like 院坝长.
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_known;
--> statement-breakpoint
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_known CHECK (role IN ('community_admin','grid_worker','courtyard_head','dept_staff','shopkeeper','supervisor','observer','publicist','errand_agent','informant'));
