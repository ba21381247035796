CREATE TABLE "board_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	CONSTRAINT "board_objections_answer_complete" CHECK (("board_objections"."answer" IS NULL) = ("board_objections"."answered_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "board_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"source_id" uuid,
	"status" text DEFAULT 'publicizing' NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	"finalized_at" timestamp with time zone,
	"created_by" uuid,
	CONSTRAINT "board_posts_status_known" CHECK ("board_posts"."status" IN ('publicizing','final')),
	CONSTRAINT "board_posts_kind_known" CHECK ("board_posts"."kind" IN ('poll_result','resolution','repair','fund_use','points_table','report_stats','annual_project')),
	CONSTRAINT "board_posts_window_ordered" CHECK ("board_posts"."published_at" < "board_posts"."window_ends_at")
);
--> statement-breakpoint
CREATE TABLE "tracked_item_costs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"description" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracked_item_costs_positive" CHECK ("tracked_item_costs"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "tracked_item_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"progress" smallint,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracked_item_events_kind_known" CHECK ("tracked_item_events"."kind" IN ('created','update','cost'))
);
--> statement-breakpoint
CREATE TABLE "tracked_item_photos" (
	"item_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_id" bigint,
	"cost_id" bigint,
	"position" smallint NOT NULL,
	CONSTRAINT "tracked_item_photos_pk" PRIMARY KEY("item_id","upload_id"),
	CONSTRAINT "tracked_item_photos_kind_known" CHECK ("tracked_item_photos"."kind" IN ('before','progress','receipt'))
);
--> statement-breakpoint
CREATE TABLE "tracked_item_ratings" (
	"item_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"rating" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracked_item_ratings_known" CHECK ("tracked_item_ratings"."rating" IN ('satisfied','basically_satisfied','dissatisfied'))
);
--> statement-breakpoint
CREATE TABLE "tracked_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"location" text,
	"responsible" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"fund_source" text NOT NULL,
	"planned_start" date,
	"planned_end" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"repair" jsonb,
	"completed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracked_items_status_known" CHECK ("tracked_items"."status" IN ('planned','in_progress','completed','evaluated')),
	CONSTRAINT "tracked_items_source_known" CHECK ("tracked_items"."source" IN ('resolution','poll','report','repair','annual_project')),
	CONSTRAINT "tracked_items_fund_known" CHECK ("tracked_items"."fund_source" IN ('fiscal','collective','residents','donation','other')),
	CONSTRAINT "tracked_items_progress_range" CHECK ("tracked_items"."progress" BETWEEN 0 AND 100),
	CONSTRAINT "tracked_items_budget_nonneg" CHECK ("tracked_items"."budget_fen" >= 0),
	CONSTRAINT "tracked_items_dates_ordered" CHECK ("tracked_items"."planned_start" IS NULL OR "tracked_items"."planned_end" IS NULL OR "tracked_items"."planned_start" <= "tracked_items"."planned_end")
);
--> statement-breakpoint
ALTER TABLE "board_objections" ADD CONSTRAINT "board_objections_post_id_board_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."board_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_objections" ADD CONSTRAINT "board_objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_objections" ADD CONSTRAINT "board_objections_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_objections" ADD CONSTRAINT "board_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_posts" ADD CONSTRAINT "board_posts_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_posts" ADD CONSTRAINT "board_posts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_posts" ADD CONSTRAINT "board_posts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_costs" ADD CONSTRAINT "tracked_item_costs_item_id_tracked_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."tracked_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_costs" ADD CONSTRAINT "tracked_item_costs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_events" ADD CONSTRAINT "tracked_item_events_item_id_tracked_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."tracked_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_events" ADD CONSTRAINT "tracked_item_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_photos" ADD CONSTRAINT "tracked_item_photos_item_id_tracked_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."tracked_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_photos" ADD CONSTRAINT "tracked_item_photos_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_photos" ADD CONSTRAINT "tracked_item_photos_event_id_tracked_item_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."tracked_item_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_photos" ADD CONSTRAINT "tracked_item_photos_cost_id_tracked_item_costs_id_fk" FOREIGN KEY ("cost_id") REFERENCES "public"."tracked_item_costs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_ratings" ADD CONSTRAINT "tracked_item_ratings_item_id_tracked_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."tracked_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_ratings" ADD CONSTRAINT "tracked_item_ratings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_item_ratings" ADD CONSTRAINT "tracked_item_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_items" ADD CONSTRAINT "tracked_items_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_items" ADD CONSTRAINT "tracked_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_items" ADD CONSTRAINT "tracked_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_objections_post_idx" ON "board_objections" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE INDEX "board_objections_unanswered_idx" ON "board_objections" USING btree ("post_id") WHERE "board_objections"."answered_at" IS NULL;--> statement-breakpoint
CREATE INDEX "board_posts_unit_path_idx" ON "board_posts" USING btree ("unit_path" text_pattern_ops,"published_at");--> statement-breakpoint
CREATE INDEX "board_posts_feed_idx" ON "board_posts" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "board_posts_window_idx" ON "board_posts" USING btree ("window_ends_at") WHERE "board_posts"."status" = 'publicizing';--> statement-breakpoint
CREATE INDEX "tracked_item_costs_item_idx" ON "tracked_item_costs" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "tracked_item_events_item_idx" ON "tracked_item_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracked_item_ratings_household_uq" ON "tracked_item_ratings" USING btree ("item_id","household_id");--> statement-breakpoint
CREATE INDEX "tracked_items_unit_path_idx" ON "tracked_items" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "tracked_items_feed_idx" ON "tracked_items" USING btree ("created_at","id");