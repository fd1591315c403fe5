ALTER TABLE "visitors" ADD COLUMN "external_user_id" text;--> statement-breakpoint
ALTER TABLE "visitors" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "visitors" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "visitors" ADD COLUMN "verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "visitors" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "visitors_site_user_idx" ON "visitors" USING btree ("site_id","external_user_id") WHERE "visitors"."external_user_id" IS NOT NULL;