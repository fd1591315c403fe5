ALTER TABLE "conversations" ADD COLUMN "handoff_brief" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "handoff_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_waiting_idx" ON "conversations" USING btree ("site_id","waiting_since","id") WHERE "conversations"."mode" = 'waiting';