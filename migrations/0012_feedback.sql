CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message_id" uuid,
	"visitor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text,
	"rating" smallint,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_kind_check" CHECK ("feedback"."kind" in ('reply', 'conversation')),
	CONSTRAINT "feedback_target_check" CHECK (("feedback"."kind" = 'reply' AND "feedback"."message_id" IS NOT NULL AND "feedback"."value" in ('up', 'down') AND "feedback"."rating" IS NULL AND "feedback"."comment" IS NULL)
       OR ("feedback"."kind" = 'conversation' AND "feedback"."message_id" IS NULL AND "feedback"."value" IS NULL AND "feedback"."rating" BETWEEN 1 AND 5))
);
--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_visitor_id_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."visitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_reply_uq" ON "feedback" USING btree ("message_id") WHERE "feedback"."kind" = 'reply';--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_conversation_uq" ON "feedback" USING btree ("conversation_id") WHERE "feedback"."kind" = 'conversation';--> statement-breakpoint
CREATE INDEX "feedback_conversation_idx" ON "feedback" USING btree ("conversation_id","created_at");