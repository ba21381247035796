ALTER TABLE "polls" ADD COLUMN "closing_reminder_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shop_orders" ADD COLUMN "expiry_reminder_at" timestamp with time zone;