CREATE TABLE "points_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"user_id" uuid,
	"unit_id" uuid,
	"balance" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_accounts_balance_nonneg" CHECK ("points_accounts"."balance" >= 0),
	CONSTRAINT "points_accounts_owner" CHECK (("points_accounts"."owner_kind" = 'user' AND "points_accounts"."user_id" IS NOT NULL AND "points_accounts"."unit_id" IS NULL) OR ("points_accounts"."owner_kind" = 'courtyard' AND "points_accounts"."unit_id" IS NOT NULL AND "points_accounts"."user_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "points_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"recipient_kind" text NOT NULL,
	"user_id" uuid,
	"unit_id" uuid,
	"scope_path" text NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"approved_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	CONSTRAINT "points_awards_status_known" CHECK ("points_awards"."status" IN ('pending','approved')),
	CONSTRAINT "points_awards_points_positive" CHECK ("points_awards"."points" > 0),
	CONSTRAINT "points_awards_second_person" CHECK ("points_awards"."approved_by" IS NULL OR "points_awards"."approved_by" <> "points_awards"."proposed_by")
);
--> statement-breakpoint
CREATE TABLE "points_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"reason" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_entries_delta_nonzero" CHECK ("points_entries"."delta" <> 0),
	CONSTRAINT "points_entries_balance_after_nonneg" CHECK ("points_entries"."balance_after" >= 0),
	CONSTRAINT "points_entries_reason_known" CHECK ("points_entries"."reason" IN ('report_accepted','vote_cast','meeting_attended','volunteer_hours','manual_award','redemption','refund','correction'))
);
--> statement-breakpoint
CREATE TABLE "points_rules" (
	"community_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"points" integer NOT NULL,
	"daily_cap" integer,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_rules_pk" PRIMARY KEY("community_id","reason"),
	CONSTRAINT "points_rules_points_nonneg" CHECK ("points_rules"."points" >= 0),
	CONSTRAINT "points_rules_cap_positive" CHECK ("points_rules"."daily_cap" IS NULL OR "points_rules"."daily_cap" > 0)
);
--> statement-breakpoint
CREATE TABLE "shop_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"shop_unit_id" uuid NOT NULL,
	"shop_unit_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price_points" integer NOT NULL,
	"stock" integer NOT NULL,
	"monthly_limit" integer,
	"active_from" timestamp with time zone NOT NULL,
	"active_to" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shop_items_stock_nonneg" CHECK ("shop_items"."stock" >= 0),
	CONSTRAINT "shop_items_price_positive" CHECK ("shop_items"."price_points" > 0),
	CONSTRAINT "shop_items_limit_positive" CHECK ("shop_items"."monthly_limit" IS NULL OR "shop_items"."monthly_limit" > 0)
);
--> statement-breakpoint
CREATE TABLE "shop_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"shop_unit_path" text NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"points_total" integer NOT NULL,
	"status" text NOT NULL,
	"pickup_code" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"picked_up_at" timestamp with time zone,
	"picked_up_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "shop_orders_status_known" CHECK ("shop_orders"."status" IN ('pending','picked_up','cancelled','expired')),
	CONSTRAINT "shop_orders_quantity_positive" CHECK ("shop_orders"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shop_pickup_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_awards" ADD CONSTRAINT "points_awards_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_awards" ADD CONSTRAINT "points_awards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_awards" ADD CONSTRAINT "points_awards_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_awards" ADD CONSTRAINT "points_awards_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_awards" ADD CONSTRAINT "points_awards_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_account_id_points_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rules" ADD CONSTRAINT "points_rules_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rules" ADD CONSTRAINT "points_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_shop_unit_id_units_id_fk" FOREIGN KEY ("shop_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_orders" ADD CONSTRAINT "shop_orders_item_id_shop_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."shop_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_orders" ADD CONSTRAINT "shop_orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_orders" ADD CONSTRAINT "shop_orders_account_id_points_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_user_uq" ON "points_accounts" USING btree ("community_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_unit_uq" ON "points_accounts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "points_awards_scope_idx" ON "points_awards" USING btree ("status","scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "points_entries_once_uq" ON "points_entries" USING btree ("reason","source_type","source_id","account_id");--> statement-breakpoint
CREATE INDEX "points_entries_account_idx" ON "points_entries" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "points_entries_account_reason_at_idx" ON "points_entries" USING btree ("account_id","reason","at");--> statement-breakpoint
CREATE INDEX "shop_items_path_idx" ON "shop_items" USING btree ("shop_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "shop_orders_pickup_code_uq" ON "shop_orders" USING btree ("pickup_code");--> statement-breakpoint
CREATE UNIQUE INDEX "shop_orders_idempotency_uq" ON "shop_orders" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "shop_orders_user_idx" ON "shop_orders" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "shop_orders_item_user_idx" ON "shop_orders" USING btree ("item_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "shop_orders_pending_idx" ON "shop_orders" USING btree ("expires_at") WHERE "shop_orders"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "shop_orders_path_idx" ON "shop_orders" USING btree ("shop_unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "shop_pickup_attempts_user_idx" ON "shop_pickup_attempts" USING btree ("user_id","at");--> statement-breakpoint
-- The points ledger is append-only: a correction is a new entry, never an edit.
CREATE OR REPLACE FUNCTION points_entries_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'points_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_entries_no_update_delete BEFORE UPDATE OR DELETE ON points_entries
  FOR EACH ROW EXECUTE FUNCTION points_entries_reject_change();
--> statement-breakpoint
CREATE TRIGGER points_entries_no_truncate BEFORE TRUNCATE ON points_entries
  FOR EACH STATEMENT EXECUTE FUNCTION points_entries_reject_change();
--> statement-breakpoint
-- points_events (owned by polls) gains the payer's bookkeeping: when the points sweep settled
-- an event and how (paid, capped, duplicate, no_recipient, no_rule). Not in polls.tables.ts on purpose.
ALTER TABLE points_events ADD COLUMN settled_at timestamp with time zone;
--> statement-breakpoint
ALTER TABLE points_events ADD COLUMN settlement text;
--> statement-breakpoint
CREATE INDEX points_events_unsettled_idx ON points_events (created_at) WHERE settled_at IS NULL;
