CREATE TABLE "evaluation_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"scope_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"rating" text NOT NULL,
	CONSTRAINT "evaluation_answers_rating" CHECK ("evaluation_answers"."rating" IN ('satisfied','basic','unsatisfied')),
	CONSTRAINT "evaluation_answers_subject" CHECK ("evaluation_answers"."subject" IN ('deliberation','errands','outreach','courtyard_head','publicist','errand_agent','informant','grid_worker'))
);
--> statement-breakpoint
CREATE TABLE "evaluation_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"scope_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "evaluation_comments_status" CHECK ("evaluation_comments"."status" IN ('passed','review'))
);
--> statement-breakpoint
CREATE TABLE "evaluation_honours" (
	"period_id" uuid NOT NULL,
	"category" text NOT NULL,
	"nominees" jsonb NOT NULL,
	"method" text,
	"poll_id" uuid,
	"winner" jsonb,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"board_post_id" uuid,
	CONSTRAINT "evaluation_honours_pk" PRIMARY KEY("period_id","category"),
	CONSTRAINT "evaluation_honours_category" CHECK ("evaluation_honours"."category" IN ('courtyard','courtyard_head','errand_agent','publicist','informant')),
	CONSTRAINT "evaluation_honours_method" CHECK ("evaluation_honours"."method" IS NULL OR "evaluation_honours"."method" IN ('street','poll'))
);
--> statement-breakpoint
CREATE TABLE "evaluation_participation" (
	"period_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"courtyard_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_participation_pk" PRIMARY KEY("period_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"key" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"secrecy_k" integer NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "evaluation_periods_k" CHECK ("evaluation_periods"."secrecy_k" >= 2),
	CONSTRAINT "evaluation_periods_ordered" CHECK ("evaluation_periods"."starts_at" < "evaluation_periods"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "evaluation_scope_counters" (
	"period_id" uuid NOT NULL,
	"scope_id" uuid NOT NULL,
	"answered" integer NOT NULL,
	CONSTRAINT "evaluation_scope_counters_pk" PRIMARY KEY("period_id","scope_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_self_reviews" (
	"period_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"grades" jsonb NOT NULL,
	"summary" text NOT NULL,
	"plans" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_self_reviews_pk" PRIMARY KEY("period_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_settings" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"period_months" integer NOT NULL,
	"secrecy_k" integer,
	"well_rated_score" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_settings_months" CHECK ("evaluation_settings"."period_months" IN (3, 6, 12)),
	CONSTRAINT "evaluation_settings_k" CHECK ("evaluation_settings"."secrecy_k" IS NULL OR "evaluation_settings"."secrecy_k" >= 2),
	CONSTRAINT "evaluation_settings_score" CHECK ("evaluation_settings"."well_rated_score" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "evaluation_snapshots" (
	"period_id" uuid NOT NULL,
	"scope_id" uuid NOT NULL,
	"answered" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"comments" jsonb NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_snapshots_pk" PRIMARY KEY("period_id","scope_id","answered")
);
--> statement-breakpoint
ALTER TABLE "points_entries" DROP CONSTRAINT "points_entries_reason_known";--> statement-breakpoint
ALTER TABLE "board_posts" DROP CONSTRAINT "board_posts_kind_known";--> statement-breakpoint
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_period_id_evaluation_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."evaluation_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_scope_id_units_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_period_id_evaluation_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."evaluation_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_scope_id_units_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_honours" ADD CONSTRAINT "evaluation_honours_period_id_evaluation_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."evaluation_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_honours" ADD CONSTRAINT "evaluation_honours_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_participation" ADD CONSTRAINT "evaluation_participation_period_id_evaluation_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."evaluation_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_participation" ADD CONSTRAINT "evaluation_participation_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_participation" ADD CONSTRAINT "evaluation_participation_courtyard_id_units_id_fk" FOREIGN KEY ("courtyard_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_participation" ADD CONSTRAINT "evaluation_participation_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_periods" ADD CONSTRAINT "evaluation_periods_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_scope_counters" ADD CONSTRAINT "evaluation_scope_counters_period_id_evaluation_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."evaluation_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_scope_counters" ADD CONSTRAINT "evaluation_scope_counters_scope_id_units_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_self_reviews" ADD CONSTRAINT "evaluation_self_reviews_period_id_evaluation_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."evaluation_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_self_reviews" ADD CONSTRAINT "evaluation_self_reviews_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_self_reviews" ADD CONSTRAINT "evaluation_self_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_settings" ADD CONSTRAINT "evaluation_settings_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_settings" ADD CONSTRAINT "evaluation_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_snapshots" ADD CONSTRAINT "evaluation_snapshots_period_id_evaluation_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."evaluation_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_snapshots" ADD CONSTRAINT "evaluation_snapshots_scope_id_units_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_answers_scope_idx" ON "evaluation_answers" USING btree ("period_id","scope_id");--> statement-breakpoint
CREATE INDEX "evaluation_comments_scope_idx" ON "evaluation_comments" USING btree ("period_id","scope_id");--> statement-breakpoint
CREATE INDEX "evaluation_participation_courtyard_idx" ON "evaluation_participation" USING btree ("period_id","courtyard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_periods_key_uq" ON "evaluation_periods" USING btree ("community_id","key");--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_reason_known" CHECK ("points_entries"."reason" IN ('report_accepted','vote_cast','meeting_attended','volunteer_hours','manual_award','redemption','refund','correction','outreach_attended','evaluation_given','cadre_well_rated','courtyard_well_rated'));--> statement-breakpoint
ALTER TABLE "board_posts" ADD CONSTRAINT "board_posts_kind_known" CHECK ("board_posts"."kind" IN ('poll_result','resolution','repair','fund_use','points_table','report_stats','annual_project','outreach','honours'));