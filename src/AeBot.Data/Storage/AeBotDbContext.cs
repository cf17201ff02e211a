using AeBot.Core.Accounts;
using AeBot.Core.Contracts;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Products;
using AeBot.Core.Reminders;
using AeBot.Data.Capture;
using AeBot.Data.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Storage;

/// <summary>
/// The sales data. Provider-neutral model; <see cref="SqliteAeBotDbContext"/> and <see cref="PostgresAeBotDbContext"/>
/// exist so each provider keeps its own checked-in migrations.
/// </summary>
public abstract class AeBotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Rep> Reps => Set<Rep>();
    public DbSet<Quota> Quotas => Set<Quota>();
    public DbSet<ChatIdentity> ChatIdentities => Set<ChatIdentity>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<OpportunityHistory> OpportunityHistory => Set<OpportunityHistory>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<InteractionContact> InteractionContacts => Set<InteractionContact>();
    public DbSet<FollowUpTask> FollowUpTasks => Set<FollowUpTask>();
    public DbSet<ConversationStateRow> ConversationStates => Set<ConversationStateRow>();
    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<DialogStateRow> DialogStates => Set<DialogStateRow>();
    public DbSet<BotChangeRow> BotChanges => Set<BotChangeRow>();
    public DbSet<OutboxMessageRow> Outbox => Set<OutboxMessageRow>();
    public DbSet<Channels.ChannelAddressRow> ChannelAddresses => Set<Channels.ChannelAddressRow>();
    public DbSet<Channels.InboundDeliveryRow> InboundDeliveries => Set<Channels.InboundDeliveryRow>();
    public DbSet<Channels.ReplyPageRow> ReplyPages => Set<Channels.ReplyPageRow>();
    public DbSet<Channels.ChartImageRow> ChartImages => Set<Channels.ChartImageRow>();
    public DbSet<Channels.InboundQueueRow> InboundQueue => Set<Channels.InboundQueueRow>();
    public DbSet<Capture.NudgeLedgerRow> NudgeLedger => Set<Capture.NudgeLedgerRow>();
    public DbSet<Capture.NudgePreferenceRow> NudgePreferences => Set<Capture.NudgePreferenceRow>();
    public DbSet<Capture.NudgeMuteRow> NudgeMutes => Set<Capture.NudgeMuteRow>();
    public DbSet<Crm.CrmRecordRow> CrmRecords => Set<Crm.CrmRecordRow>();
    public DbSet<Crm.CrmCursorRow> CrmCursors => Set<Crm.CrmCursorRow>();
    public DbSet<Crm.CrmSyncRunRow> CrmSyncRuns => Set<Crm.CrmSyncRunRow>();
    public DbSet<Crm.CrmWriteBackRow> CrmWriteBacks => Set<Crm.CrmWriteBackRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Team>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasIndex(x => x.Name);
            e.HasOne(x => x.Manager).WithMany().HasForeignKey(x => x.ManagerId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<Rep>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.Property(x => x.TimeZoneId).HasMaxLength(64);
            e.Property(x => x.HierarchyPath).HasMaxLength(1000);
            e.Property(x => x.Language).HasMaxLength(8);
            // BCP 47 allows long tags; what channels send is short ("th-TH"), and anything longer is cut before storing.
            e.Property(x => x.Locale).HasMaxLength(35);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasIndex(x => x.Email).IsUnique();
            e.HasIndex(x => x.Name);
            e.HasIndex(x => x.ManagerId);
            // Subtree queries are prefix scans on the path ("/1/7/%").
            e.HasIndex(x => x.HierarchyPath);
            e.HasOne(x => x.Manager).WithMany().HasForeignKey(x => x.ManagerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<Quota>(e =>
        {
            e.Property(x => x.Currency).HasMaxLength(3);
            e.HasIndex(x => new { x.RepId, x.PeriodStart, x.PeriodEnd }).IsUnique();
            e.HasOne(x => x.Rep).WithMany(x => x.Quotas).HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ChatIdentity>(e =>
        {
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.TenantId).HasMaxLength(100);
            e.Property(x => x.ExternalUserId).HasMaxLength(200);
            e.HasIndex(x => new { x.Channel, x.TenantId, x.ExternalUserId }).IsUnique();
            e.HasIndex(x => x.RepId);
            e.HasOne(x => x.Rep).WithMany(x => x.ChatIdentities).HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Account>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.NormalizedName).HasMaxLength(300);
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasIndex(x => x.NormalizedName);
            e.HasIndex(x => x.OwnerId);
            e.HasIndex(x => x.AccountManagerId);
            e.HasIndex(x => x.ParentAccountId);
            e.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.AccountManager).WithMany().HasForeignKey(x => x.AccountManagerId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.ParentAccount).WithMany().HasForeignKey(x => x.ParentAccountId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<Contact>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasIndex(x => x.AccountId);
            e.HasIndex(x => x.Email);
            e.HasOne(x => x.Account).WithMany(x => x.Contacts).HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<Product>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.NormalizedName).HasMaxLength(200);
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasIndex(x => x.NormalizedName);
        });

        b.Entity<Opportunity>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.Property(x => x.Stage).HasMaxLength(100);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.HasIndex(x => x.ExternalId).IsUnique();
            // "What closes this month?" for one rep or a list of reps: owner, open/won/lost, then the date range. The
            // columns every total sums by (currency, probability, amount) ride along, so totals and rollups read the
            // index alone instead of one table row per deal (a team's win rate for a year: 20 ms → 6 ms on 1 M deals).
            e.HasIndex(x => new { x.OwnerId, x.StageCategory, x.CloseDate, x.Currency, x.Probability, x.Amount });
            // Org-wide rollups over a period, covering the same way.
            e.HasIndex(x => new { x.StageCategory, x.CloseDate, x.Currency, x.Probability, x.Amount });
            e.HasIndex(x => x.AccountId);
            e.HasIndex(x => x.ProductId);
            e.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<OpportunityHistory>(e =>
        {
            e.ToTable("OpportunityHistory");
            e.Property(x => x.Stage).HasMaxLength(100);
            e.HasIndex(x => new { x.OpportunityId, x.ChangedAt });
            e.HasIndex(x => x.ChangedAt); // the slipped-deal scan: what moved in the last few days
            e.HasOne(x => x.Opportunity).WithMany(x => x.History).HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Contract>(e =>
        {
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.HasIndex(x => x.ExternalId).IsUnique();
            // Renewals due in the next N days.
            e.HasIndex(x => x.EndDate);
            e.HasIndex(x => x.AccountId);
            e.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<Interaction>(e =>
        {
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.Objections).HasMaxLength(2000);
            e.Property(x => x.NextStep).HasMaxLength(1000);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasIndex(x => new { x.AccountId, x.OccurredAt });
            e.HasIndex(x => new { x.OpportunityId, x.OccurredAt });
            e.HasIndex(x => new { x.RepId, x.OccurredAt });
            e.HasOne(x => x.Rep).WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Opportunity).WithMany().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<InteractionContact>(e =>
        {
            e.HasKey(x => new { x.InteractionId, x.ContactId });
            e.HasIndex(x => x.ContactId);
            e.HasOne(x => x.Interaction).WithMany(x => x.Contacts).HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Contact).WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<FollowUpTask>(e =>
        {
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.Property(x => x.Title).HasMaxLength(1000);
            e.HasIndex(x => x.ExternalId).IsUnique();
            // "My day": a rep's open follow-ups by due date.
            e.HasIndex(x => new { x.RepId, x.Status, x.DueDate });
            e.HasOne(x => x.Rep).WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Opportunity).WithMany().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Interaction).WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<ConversationStateRow>(e =>
        {
            e.ToTable("ConversationStates");
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.ConversationId).HasMaxLength(200);
            e.HasIndex(x => new { x.Channel, x.ConversationId, x.RepId }).IsUnique();
            e.HasOne<Rep>().WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AuditEntryRow>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.ConversationId).HasMaxLength(200);
            e.Property(x => x.Text).HasMaxLength(4100);
            e.Property(x => x.Intent).HasMaxLength(50);
            e.Property(x => x.Entities).HasMaxLength(2000);
            e.Property(x => x.ReplySummary).HasMaxLength(500);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.RepId, x.At });
        });

        b.Entity<Objection>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.Topic).HasMaxLength(50);
            e.HasIndex(x => new { x.AccountId, x.RaisedAt });
            e.HasIndex(x => x.OpportunityId);
            e.HasIndex(x => x.InteractionId);
            e.HasOne(x => x.Interaction).WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Opportunity).WithMany().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Reminder>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.ConversationId).HasMaxLength(200);
            // The scheduler's query: pending reminders by due time.
            e.HasIndex(x => new { x.Status, x.DueAt });
            e.HasIndex(x => x.RepId);
            e.HasOne(x => x.Rep).WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<DialogStateRow>(e =>
        {
            e.ToTable("DialogStates");
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.ConversationId).HasMaxLength(200);
            e.HasIndex(x => new { x.Channel, x.ConversationId, x.RepId }).IsUnique();
            e.HasOne<Rep>().WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<BotChangeRow>(e =>
        {
            e.ToTable("BotChanges");
            e.Property(x => x.Kind).HasMaxLength(50);
            e.Property(x => x.Description).HasMaxLength(500);
            // "undo": the rep's latest change not yet undone.
            e.HasIndex(x => new { x.RepId, x.At });
            e.HasOne<Rep>().WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<OutboxMessageRow>(e =>
        {
            e.ToTable("Outbox");
            e.Property(x => x.Reason).HasMaxLength(50);
            e.Property(x => x.Summary).HasMaxLength(500);
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.HasIndex(x => new { x.ToRepId, x.CreatedAt });
            e.HasIndex(x => new { x.DeliveredAt, x.FailedAt, x.NextAttemptAt });
            e.HasOne<Rep>().WithMany().HasForeignKey(x => x.ToRepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Channels.ChannelAddressRow>(e =>
        {
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.TenantId).HasMaxLength(100);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.ConversationId).HasMaxLength(400);
            e.Property(x => x.ServiceUrl).HasMaxLength(400);
            e.Property(x => x.BotId).HasMaxLength(200);
            e.Property(x => x.UnreachableReason).HasMaxLength(200);
            e.HasIndex(x => new { x.RepId, x.Channel }).IsUnique();
            e.HasOne<Rep>().WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Channels.InboundDeliveryRow>(e =>
        {
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.DeliveryKey).HasMaxLength(100);
            e.HasIndex(x => new { x.Channel, x.DeliveryKey }).IsUnique();
            e.HasIndex(x => x.ReceivedAt);
        });

        b.Entity<Capture.NudgeLedgerRow>(e =>
        {
            e.ToTable("NudgeLedger");
            e.Property(x => x.Rule).HasMaxLength(32);
            e.Property(x => x.Subject).HasMaxLength(100);
            e.HasIndex(x => new { x.Rule, x.Subject, x.DueDate, x.RecipientRepId }).IsUnique();
            e.HasIndex(x => new { x.Rule, x.DueDate });
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Why).HasMaxLength(500);
            e.Property(x => x.Action).HasMaxLength(16);
            e.Property(x => x.SnoozeReason).HasMaxLength(200);
            // The cap counts a person's sent nudges per local day; folded ones wait per person; snoozes come back by time.
            e.HasIndex(x => new { x.LocalDate, x.RecipientRepId });
            e.HasIndex(x => new { x.RecipientRepId, x.Folded }).HasFilter("\"Folded\" AND \"FoldedInto\" IS NULL");
            e.HasIndex(x => x.SnoozedUntil).HasFilter("\"SnoozedUntil\" IS NOT NULL AND \"ResurfacedAt\" IS NULL");
        });

        b.Entity<Capture.NudgePreferenceRow>(e =>
        {
            e.ToTable("NudgePreferences");
            e.HasKey(x => x.RepId);
        });

        b.Entity<Capture.NudgeMuteRow>(e =>
        {
            e.ToTable("NudgeMutes");
            e.Property(x => x.Category).HasMaxLength(32);
            e.HasIndex(x => new { x.RepId, x.Category, x.AccountId }).IsUnique();
        });

        b.Entity<Channels.InboundQueueRow>(e =>
        {
            e.ToTable("InboundQueue");
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.DeliveryKey).HasMaxLength(100);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.Property(x => x.Conversation).HasMaxLength(200);
            e.Property(x => x.ClaimedBy).HasMaxLength(40);
            e.HasIndex(x => new { x.Channel, x.DeliveryKey }).IsUnique();
            // A conversation's next item waits for its earlier unsettled ones: the claim asks this index.
            e.HasIndex(x => new { x.Channel, x.Conversation, x.Id }).HasFilter("\"ProcessedAt\" IS NULL AND \"FailedAt\" IS NULL")
                .HasDatabaseName("IX_InboundQueue_Conversation");
            // Only the rows still to do: settled ones (most of them — echoes are stored settled) never touch it.
            e.HasIndex(x => new { x.Channel, x.NextAttemptAt }).HasFilter("\"ProcessedAt\" IS NULL AND \"FailedAt\" IS NULL")
                .HasDatabaseName("IX_InboundQueue_Due");
        });

        b.Entity<Channels.ChartImageRow>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(32);
            e.HasIndex(x => x.ExpiresAt);
        });

        b.Entity<Channels.ReplyPageRow>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(32);
            e.HasIndex(x => x.ExpiresAt);
            e.HasOne<Rep>().WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Crm.CrmRecordRow>(e =>
        {
            e.ToTable("CrmRecords");
            e.Property(x => x.Provider).HasMaxLength(16);
            e.Property(x => x.ObjectType).HasMaxLength(16);
            e.Property(x => x.CrmId).HasMaxLength(64);
            e.Property(x => x.Fields).HasMaxLength(4000);
            e.HasIndex(x => new { x.Provider, x.ObjectType, x.CrmId }).IsUnique();
            // From a local row to its CRM id (a write-back, an association).
            e.HasIndex(x => new { x.Provider, x.ObjectType, x.LocalId });
        });

        b.Entity<Crm.CrmCursorRow>(e =>
        {
            e.ToTable("CrmCursors");
            e.Property(x => x.Provider).HasMaxLength(16);
            e.Property(x => x.ObjectType).HasMaxLength(16);
            e.HasIndex(x => new { x.Provider, x.ObjectType }).IsUnique();
        });

        b.Entity<Crm.CrmSyncRunRow>(e =>
        {
            e.ToTable("CrmSyncRuns");
            e.Property(x => x.Provider).HasMaxLength(16);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.Counts).HasMaxLength(4000);
            e.Property(x => x.Error).HasMaxLength(1000);
            e.HasIndex(x => new { x.Provider, x.StartedAt });
        });

        b.Entity<Crm.CrmWriteBackRow>(e =>
        {
            e.ToTable("CrmWriteBacks");
            e.Property(x => x.Provider).HasMaxLength(16);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Payload).HasMaxLength(8000);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.CrmId).HasMaxLength(64);
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasIndex(x => new { x.Provider, x.BotChangeId }).IsUnique();
            e.HasIndex(x => new { x.Provider, x.State, x.NextAttemptAt });
            e.HasOne<Rep>().WithMany().HasForeignKey(x => x.RepId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
