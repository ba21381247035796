CREATE TABLE "errand_photos" (
	"errand_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"step_id" bigint,
	CONSTRAINT "errand_photos_pk" PRIMARY KEY("errand_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "errand_settings" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"photo_retention_days" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "errand_settings_retention_ck" CHECK ("errand_settings"."photo_retention_days" BETWEEN 1 AND 365)
);
--> statement-breakpoint
CREATE TABLE "errand_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"errand_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"office" text,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "errand_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"office" text NOT NULL,
	"limit_workdays" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "errand_types_limit_positive" CHECK ("errand_types"."limit_workdays" > 0)
);
--> statement-breakpoint
CREATE TABLE "errands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"household_id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"in_hand" jsonb NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"opened_by" uuid NOT NULL,
	"agent_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"overdue" boolean DEFAULT false NOT NULL,
	"rating" text,
	"ended_at" timestamp with time zone,
	"photos_purged_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "errands_status_known" CHECK ("errands"."status" IN ('open','taken','collected','submitted','waiting','done','refused','cancelled')),
	CONSTRAINT "errands_mode_known" CHECK ("errands"."mode" IN ('onsite','full','assist')),
	CONSTRAINT "errands_rating_known" CHECK ("errands"."rating" IS NULL OR "errands"."rating" IN ('satisfied','basically_satisfied','dissatisfied'))
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "on_behalf_of_household_id" uuid;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "on_behalf" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "errand_photos" ADD CONSTRAINT "errand_photos_errand_id_errands_id_fk" FOREIGN KEY ("errand_id") REFERENCES "public"."errands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_photos" ADD CONSTRAINT "errand_photos_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_settings" ADD CONSTRAINT "errand_settings_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_settings" ADD CONSTRAINT "errand_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_steps" ADD CONSTRAINT "errand_steps_errand_id_errands_id_fk" FOREIGN KEY ("errand_id") REFERENCES "public"."errands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_steps" ADD CONSTRAINT "errand_steps_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_types" ADD CONSTRAINT "errand_types_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_types" ADD CONSTRAINT "errand_types_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_type_id_errand_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."errand_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "errand_photos_upload_uq" ON "errand_photos" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "errand_steps_errand_idx" ON "errand_steps" USING btree ("errand_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "errand_types_name_uq" ON "errand_types" USING btree ("community_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "errand_types_code_uq" ON "errand_types" USING btree ("community_id","code");--> statement-breakpoint
CREATE INDEX "errands_unit_path_idx" ON "errands" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "errands_household_idx" ON "errands" USING btree ("household_id","created_at");--> statement-breakpoint
CREATE INDEX "errands_due_idx" ON "errands" USING btree ("due_at") WHERE "errands"."ended_at" is null and not "errands"."overdue";--> statement-breakpoint
CREATE INDEX "errands_ended_idx" ON "errands" USING btree ("ended_at") WHERE "errands"."photos_purged_at" is null and "errands"."ended_at" is not null;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_on_behalf_of_household_id_households_id_fk" FOREIGN KEY ("on_behalf_of_household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;