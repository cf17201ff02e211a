using AeBot.Core.Accounts;
using AeBot.Core.Contracts;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Products;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Data.Demo;

/// <summary>
/// Creates "Northwind Analytics", a synthetic B2B software company: a VP and three sales managers, twelve account
/// executives, two account managers and an admin; ~200 accounts with contacts; ~1,500 deals across every stage
/// and the last six quarters; quotas; contracts renewing over the next 120 days; recent and stale interactions;
/// overdue follow-ups. Everything is placed relative to the clock, so every feature has something to show
/// whenever it runs, and the same seed and clock always give the same company.
/// </summary>
public sealed partial class DemoCompany(AeBotDbContext db, TimeProvider clock, IOptions<DemoOptions> options, ILogger<DemoCompany> logger)
{
    public const string Currency = "USD";

    private static readonly string[] FirstNames =
        ["Dana", "Lee", "Priya", "Marcus", "Sofia", "Jonas", "Aisha", "Tom", "Elena", "Kenji", "Olivia", "Rafael", "Hannah", "Omar", "Chloe", "Noah", "Isabel", "Victor", "Mia", "Samuel", "Grace", "Luca", "Zoe", "Daniel", "Amara", "Felix", "Nora", "Ivan", "Leah", "Mateo"];

    private static readonly string[] LastNames =
        ["Reyes", "Chen", "Patel", "Johnson", "Rossi", "Weber", "Khan", "Baker", "Petrova", "Sato", "Martin", "Silva", "Schmidt", "Haddad", "Dubois", "Kim", "Garcia", "Novak", "Larsen", "Okafor", "Murphy", "Bianchi", "Walsh", "Cohen", "Mensah", "Becker", "Lindqvist", "Popov", "Adler", "Torres"];

    private static readonly string[] NameStems =
        ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Aperture", "Massive", "Gringotts", "Oscorp", "Monarch", "Nakatomi", "Pied Piper", "Dunder",
         "Blue Harbor", "Silverline", "Redwood", "Northstar", "Brightpath", "Ironclad", "Summit", "Evergreen", "Keystone", "Lighthouse", "Pinnacle", "Riverbend", "Sterling", "Trailhead", "Vertex", "Bluebird", "Cobalt", "Falcon", "Granite", "Horizon",
         "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orion", "Polaris", "Quantum", "Sequoia", "Tidewater"];

    private static readonly string[] NameSuffixes = ["Corp", "Industries", "Group", "Systems", "Labs", "Logistics", "Health", "Foods", "Energy", "Bank", "Retail", "Media", "Motors", "Pharma", "Capital", "Networks", "Insurance", "Manufacturing", "Software", "Airlines"];

    private static readonly string[] Industries = ["Manufacturing", "Financial Services", "Healthcare", "Retail", "Technology", "Energy", "Logistics", "Media", "Insurance", "Telecommunications"];

    /// <summary>
    /// The sector a name's suffix says ("Cobalt Insurance" is an insurer, never a retailer); names that say none
    /// ("Acme", "Summit Group") get a drawn one.
    /// </summary>
    internal static string? IndustryOf(string suffix) => suffix switch
    {
        "Industries" or "Manufacturing" or "Motors" => "Manufacturing",
        "Bank" or "Capital" => "Financial Services",
        "Health" or "Pharma" => "Healthcare",
        "Retail" or "Foods" => "Retail",
        "Systems" or "Labs" or "Software" => "Technology",
        "Energy" => "Energy",
        "Logistics" or "Airlines" => "Logistics",
        "Media" => "Media",
        "Insurance" => "Insurance",
        "Networks" => "Telecommunications",
        _ => null,
    };

    private static readonly string[] Titles = ["VP Operations", "CFO", "Head of Data", "IT Director", "Procurement Manager", "CTO", "Analytics Lead", "COO", "Data Engineer", "Finance Director"];

    private static readonly (string Name, string Family, decimal Price)[] Catalog =
    [
        ("GTX Pro", "Platform", 48_000m), ("GTX Basic", "Platform", 18_000m), ("Analytics Suite", "Analytics", 36_000m),
        ("Data Connectors", "Integration", 12_000m), ("API Access", "Integration", 9_000m), ("Security Add-on", "Platform", 15_000m),
        ("Premium Support", "Services", 10_000m), ("Onboarding Services", "Services", 8_000m),
    ];

    private static readonly (string Stage, int Probability, ForecastCategory Forecast)[] OpenStages =
    [
        ("Prospecting", 10, ForecastCategory.Pipeline), ("Qualification", 20, ForecastCategory.Pipeline), ("Discovery", 30, ForecastCategory.Pipeline),
        ("Demo", 40, ForecastCategory.BestCase), ("Proposal", 60, ForecastCategory.BestCase), ("Negotiation", 80, ForecastCategory.Commit),
    ];

    private static readonly string[] LossReasons = ["Price", "Lost to competitor", "No budget", "No decision", "Timing", "Missing feature"];
    private static readonly string[] Objections = ["Too expensive compared to current vendor", "Needs approval from procurement", "Happy with current vendor", "Timing: budget frozen until next quarter", "Concerned about implementation effort", "Competitor offered a discount"];
    private static readonly string[] NextSteps = ["Send revised quote", "Schedule technical demo", "Share security questionnaire", "Intro to CFO", "Send case study", "Book workshop", "Draft order form", "Follow up on legal review"];

    /// <summary>Creates the company unless the database already has reps. Returns false when it did nothing.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Reps.AnyAsync(cancellationToken))
        {
            LogSkipped(logger);
            return false;
        }
        var random = new Random(options.Value.RandomSeed);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var org = await CreateOrgAsync(today, cancellationToken);
        var products = Catalog.Select(c => new Product
        {
            Name = c.Name, NormalizedName = NameNormalizer.Normalize(c.Name), Family = c.Family, ListPrice = c.Price, Currency = Currency,
            ExternalId = "demo-product-" + NameNormalizer.Normalize(c.Name),
        }).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync(cancellationToken);

        var accounts = CreateAccounts(random, org, now);
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var account in accounts.Where((_, i) => i % 17 == 5))
            account.ParentAccountId = accounts[(accounts.IndexOf(account) + 3) % accounts.Count].Id;

        var contacts = accounts.SelectMany((a, i) => Enumerable.Range(0, 2 + random.Next(3)).Select(j => NewContact(random, a, i, j, now))).ToList();
        db.Contacts.AddRange(contacts);
        await db.SaveChangesAsync(cancellationToken);

        var deals = CreateDeals(random, org, accounts, products, today, now);
        db.Opportunities.AddRange(deals);
        await db.SaveChangesAsync(cancellationToken);

        var contracts = CreateContracts(random, deals, accounts, products, today);
        db.Contracts.AddRange(contracts);
        var interactions = CreateInteractions(random, deals, contacts, now);
        db.Interactions.AddRange(interactions);
        await db.SaveChangesAsync(cancellationToken);
        db.FollowUpTasks.AddRange(CreateFollowUps(random, deals, interactions, today, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        LogSeeded(logger, org.All.Count, accounts.Count, deals.Count, contracts.Count, interactions.Count);
        return true;
    }

    private sealed record Org(List<Rep> All, List<Rep> Aes, List<Rep> AccountManagers, Dictionary<Rep, string> SegmentOf);

    private async Task<Org> CreateOrgAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Rep NewRep(string first, string last, RepRole role, string zone, Rep? manager = null) => new()
        {
            Name = $"{first} {last}", Email = $"{first}.{last}@northwind.example".ToLowerInvariant(), Role = role, TimeZoneId = zone,
            Manager = manager, CreatedAt = now.AddYears(-2), ExternalId = $"demo-rep-{first}-{last}".ToLowerInvariant(),
        };

        var admin = NewRep("Alex", "Morgan", RepRole.Admin, "America/New_York");
        var vp = NewRep("Victoria", "Hale", RepRole.Manager, "America/New_York");
        var teams = new (string Team, string Segment, Rep Manager, string Zone)[]
        {
            ("Enterprise", "Enterprise", NewRep("Marcus", "Johnson", RepRole.Manager, "America/New_York", vp), "America/New_York"),
            ("Mid-Market", "Mid-Market", NewRep("Elena", "Petrova", RepRole.Manager, "America/Chicago", vp), "America/Chicago"),
            ("EMEA", "SMB", NewRep("Jonas", "Weber", RepRole.Manager, "Europe/Berlin", vp), "Europe/Berlin"),
        };
        var aeNames = new[]
        {
            ("Dana", "Reyes"), ("Lee", "Chen"), ("Priya", "Patel"), ("Tom", "Baker"),
            ("Sofia", "Rossi"), ("Kenji", "Sato"), ("Olivia", "Martin"), ("Rafael", "Silva"),
            ("Hannah", "Schmidt"), ("Omar", "Haddad"), ("Chloe", "Dubois"), ("Noah", "Kim"),
        };
        var aes = new List<Rep>();
        var segmentOf = new Dictionary<Rep, string>();
        for (var i = 0; i < aeNames.Length; i++)
        {
            var team = teams[i / 4];
            var zone = team.Zone == "Europe/Berlin" ? (i % 2 == 0 ? "Europe/London" : "Europe/Berlin") : (i % 4 == 3 ? "America/Los_Angeles" : team.Zone);
            var ae = NewRep(aeNames[i].Item1, aeNames[i].Item2, RepRole.Rep, zone, team.Manager);
            aes.Add(ae);
            segmentOf[ae] = team.Segment;
        }
        var ams = new List<Rep> { NewRep("Grace", "Murphy", RepRole.AccountManager, "America/Chicago", vp), NewRep("Felix", "Becker", RepRole.AccountManager, "Europe/Berlin", vp) };
        var all = new List<Rep> { admin, vp };
        all.AddRange(teams.Select(t => t.Manager));
        all.AddRange(aes);
        all.AddRange(ams);
        db.Reps.AddRange(all);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var (teamName, _, manager, _) in teams)
        {
            var team = new Team { Name = teamName, ManagerId = manager.Id, ExternalId = "demo-team-" + teamName.ToLowerInvariant() };
            db.Teams.Add(team);
            manager.Team = team;
            foreach (var ae in aes.Where(a => a.Manager == manager))
                ae.Team = team;
        }
        OrgHierarchy.Recompute(all);

        // Quarterly quotas for the current fiscal year and the previous one; managers carry their team's total.
        var yearStart = new DateOnly(today.Year - 1, 1, 1);
        for (var q = 0; q < 8; q++)
        {
            var start = yearStart.AddMonths(q * 3);
            var end = start.AddMonths(3).AddDays(-1);
            foreach (var ae in aes)
                db.Quotas.Add(new Quota { Rep = ae, PeriodStart = start, PeriodEnd = end, Amount = QuotaFor(segmentOf[ae]), Currency = Currency });
            foreach (var (_, segment, manager, _) in teams)
                db.Quotas.Add(new Quota { Rep = manager, PeriodStart = start, PeriodEnd = end, Amount = 4 * QuotaFor(segment), Currency = Currency });
            db.Quotas.Add(new Quota { Rep = vp, PeriodStart = start, PeriodEnd = end, Amount = 4 * teams.Sum(t => QuotaFor(t.Segment)), Currency = Currency });
        }
        await db.SaveChangesAsync(cancellationToken);
        return new Org(all, aes, ams, segmentOf);
    }

    private static decimal RoundToHundreds(decimal value) => decimal.Round(value / 100m, 0, MidpointRounding.AwayFromZero) * 100m;

    private static decimal QuotaFor(string segment) => segment switch
    {
        "Enterprise" => 450_000m,
        "Mid-Market" => 250_000m,
        _ => 150_000m,
    };

    private static List<Account> CreateAccounts(Random random, Org org, DateTimeOffset now)
    {
        var accounts = new List<Account>();
        var used = new HashSet<string>();
        for (var i = 0; accounts.Count < 200; i++)
        {
            var stem = NameStems[i % NameStems.Length];
            // Each round pairs a stem with another suffix (offsets 0, 17, 14, 11 of 20), so every name is distinct
            // without a tell-tale letter after it ("Nimbus Software C").
            var suffix = i < 20 ? "" : NameSuffixes[(i / NameStems.Length * 7 + i) % NameSuffixes.Length];
            var name = i < 20 ? stem : $"{stem} {suffix}"; // the famous ones keep their short names: "Acme", "Globex"
            if (!used.Add(name))
                continue;
            var owner = org.Aes[i % org.Aes.Count];
            var segment = org.SegmentOf[owner];
            var drawn = Industries[random.Next(Industries.Length)]; // drawn even when the name decides, so the rest of the seed stays as it was
            var employees = segment switch { "Enterprise" => 2_000 + random.Next(48_000), "Mid-Market" => 250 + random.Next(1_750), _ => 20 + random.Next(230) };
            accounts.Add(new Account
            {
                Name = name, NormalizedName = NameNormalizer.Normalize(name), ExternalId = $"demo-account-{i:000}",
                Owner = owner, AccountManager = i % 3 == 0 ? org.AccountManagers[i % 2] : null,
                Industry = IndustryOf(suffix) ?? drawn, Employees = employees, Segment = segment,
                Website = $"https://www.{NameNormalizer.Normalize(name)}.example", Country = org.SegmentOf[owner] == "SMB" ? (i % 2 == 0 ? "Germany" : "United Kingdom") : "United States",
                CreatedAt = now.AddDays(-400 - random.Next(700)),
            });
        }
        return accounts;
    }

    private static Contact NewContact(Random random, Account account, int accountIndex, int j, DateTimeOffset now)
    {
        var first = FirstNames[(accountIndex * 3 + j * 7) % FirstNames.Length];
        var last = LastNames[(accountIndex * 5 + j * 11 + 3) % LastNames.Length];
        return new Contact
        {
            Account = account, Name = $"{first} {last}", Title = Titles[random.Next(Titles.Length)],
            Email = $"{first}.{last}@{NameNormalizer.Normalize(account.Name)}.example".ToLowerInvariant(),
            Phone = $"+1 555 {random.Next(100, 999)} {random.Next(1000, 9999)}", ExternalId = $"demo-contact-{accountIndex:000}-{j}",
            CreatedAt = now.AddDays(-random.Next(400)),
        };
    }

    private static List<Opportunity> CreateDeals(Random random, Org org, List<Account> accounts, List<Product> products, DateOnly today, DateTimeOffset now)
    {
        var deals = new List<Opportunity>();
        var names = new HashSet<(Account, string)>();
        for (var i = 0; i < 1_500; i++)
        {
            var account = accounts[(i * 7 + random.Next(3)) % accounts.Count];
            var owner = account.Owner!;
            var product = products[random.Next(products.Count)];
            var segmentFactor = org.SegmentOf[owner] switch { "Enterprise" => 3.0, "Mid-Market" => 1.4, _ => 0.6 };
            var amount = RoundToHundreds((decimal)(segmentFactor * (0.4 + random.NextDouble() * 1.6)) * product.ListPrice!.Value);
            // Close dates from six quarters back to three quarters ahead, denser in the coming weeks where the
            // pipeline a rep works on sits; the older the past, the more of it is decided.
            var closeDate = random.NextDouble() < 0.5
                ? today.AddDays(-random.Next(1, 540))
                : today.AddDays((int)(Math.Pow(random.NextDouble(), 1.6) * 270));
            var type = i % 5 == 0 ? OpportunityType.Upsell : i % 7 == 0 ? OpportunityType.Renewal : OpportunityType.NewBusiness;
            var deal = new Opportunity
            {
                Name = "",
                ExternalId = $"demo-deal-{i:0000}", Account = account, Owner = owner, Product = product, Amount = amount, Currency = Currency, Type = type,
                CreatedAt = now.AddDays(-random.Next(30, 200)).AddDays(Math.Min(0, closeDate.DayNumber - today.DayNumber)),
                Stage = "", UpdatedAt = now,
            };
            var daysAgo = today.DayNumber - closeDate.DayNumber;
            var decided = daysAgo > 45 ? random.NextDouble() < 0.97 : daysAgo > 0 ? random.NextDouble() < 0.75 : random.NextDouble() < 0.04;
            if (decided)
            {
                var won = random.NextDouble() < 0.42;
                deal.Stage = won ? "Closed Won" : "Closed Lost";
                deal.StageCategory = won ? StageCategory.Won : StageCategory.Lost;
                deal.Probability = won ? 100 : 0;
                deal.ForecastCategory = won ? ForecastCategory.Closed : ForecastCategory.Omitted;
                deal.LossReason = won ? null : LossReasons[random.Next(LossReasons.Length)];
                if (closeDate > today)
                    closeDate = today.AddDays(-random.Next(1, 20));
            }
            else
            {
                // Later stages cluster near the close date; a few open deals are already past it (slipped).
                var daysOut = closeDate.DayNumber - today.DayNumber;
                var stageIndex = Math.Clamp(5 - daysOut / 45 + random.Next(-1, 2), 0, OpenStages.Length - 1);
                var (stage, probability, forecast) = OpenStages[stageIndex];
                deal.Stage = stage;
                deal.StageCategory = StageCategory.Open;
                deal.Probability = probability;
                deal.ForecastCategory = forecast;
                deal.NextStep = NextSteps[random.Next(NextSteps.Length)];
                deal.NextStepDue = today.AddDays(random.Next(-10, 21));
                if (i % 9 == 0)
                    deal.Amount = null; // early deals without an amount yet, as in real CRMs
            }
            deal.CloseDate = closeDate;
            deal.Name = UniqueName(names, account, $"{account.Name} – {product.Name}{(type == OpportunityType.Renewal ? " renewal" : type == OpportunityType.Upsell ? " expansion" : "")}", type, closeDate);
            if (deal.CreatedAt > now)
                deal.CreatedAt = now.AddDays(-30);
            deal.History = History(random, deal, today, now, pushes: deal.StageCategory == StageCategory.Open && i % 6 == 0 ? 2 + i % 2 : i % 11 == 0 ? 1 : 0,
                recentPush: i % 48 == 0);
            deals.Add(deal);
        }
        return deals;
    }

    /// <summary>
    /// A deal name no other deal of the account has, as reps name them: a renewal by its year ("Acme – GTX Pro renewal
    /// 2025"), a second sale of the same product as a phase ("Acme – GTX Pro – phase 2") — so "which one?" always
    /// has answers a person can tell apart.
    /// </summary>
    private static string UniqueName(HashSet<(Account, string)> names, Account account, string name, OpportunityType type, DateOnly closeDate)
    {
        if (names.Add((account, name)))
            return name;
        if (type == OpportunityType.Renewal && names.Add((account, $"{name} {closeDate.Year}")))
            return $"{name} {closeDate.Year}";
        for (var phase = 2; ; phase++)
        {
            if (names.Add((account, $"{name} – phase {phase}")))
                return $"{name} – phase {phase}";
        }
    }

    // A plausible stage path with, for some deals, close dates pushed out one to three times — for some of those the
    // last push happened yesterday, so the slipped-deal nudge has something to say whenever the demo runs.
    private static List<OpportunityHistory> History(Random random, Opportunity deal, DateOnly today, DateTimeOffset now, int pushes, bool recentPush = false)
    {
        if (recentPush && pushes >= 2)
        {
            var earlier = History(random, deal, today, now.AddDays(-2), pushes - 1);
            foreach (var h in earlier)
                h.CloseDate = h.CloseDate?.AddDays(-30); // the dates before the last push
            earlier.Add(new OpportunityHistory
            {
                ChangedAt = now.AddHours(-20), ChangedByRepId = deal.OwnerId, Stage = deal.Stage, StageCategory = deal.StageCategory,
                CloseDate = deal.CloseDate, Amount = deal.Amount, Probability = deal.Probability,
            });
            return earlier;
        }
        var history = new List<OpportunityHistory>();
        var created = deal.CreatedAt;
        var span = Math.Max(1, (now - created).TotalDays);
        var originalClose = deal.CloseDate!.Value.AddDays(-30 * pushes);
        history.Add(new OpportunityHistory { ChangedAt = created, Stage = "Prospecting", StageCategory = StageCategory.Open, CloseDate = originalClose, Amount = deal.Amount, Probability = 10 });
        for (var p = 1; p <= pushes; p++)
        {
            history.Add(new OpportunityHistory
            {
                ChangedAt = created.AddDays(span * p / (pushes + 2)), Stage = "Discovery", StageCategory = StageCategory.Open,
                CloseDate = originalClose.AddDays(30 * p), Amount = deal.Amount, Probability = 30,
            });
        }
        if (deal.Stage != "Prospecting")
        {
            var last = history[^1].ChangedAt;
            var at = last.AddDays(Math.Max(1, (now - last).TotalDays * (0.3 + random.NextDouble() * 0.6)));
            if (deal.StageCategory != StageCategory.Open)
                at = new DateTimeOffset(deal.CloseDate.Value.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
            if (at <= last)
                at = last.AddHours(1);
            history.Add(new OpportunityHistory { ChangedAt = at, Stage = deal.Stage, StageCategory = deal.StageCategory, CloseDate = deal.CloseDate, Amount = deal.Amount, Probability = deal.Probability });
        }
        return history;
    }

    private static List<Contract> CreateContracts(Random random, List<Opportunity> deals, List<Account> accounts, List<Product> products, DateOnly today)
    {
        var contracts = new List<Contract>();
        // Won deals become one-year contracts: some already renewed, many coming up for renewal.
        foreach (var deal in deals.Where(d => d.StageCategory == StageCategory.Won && d.Type != OpportunityType.Upsell))
        {
            var start = deal.CloseDate!.Value.AddDays(1);
            contracts.Add(new Contract
            {
                AccountId = deal.AccountId!.Value, ProductId = deal.ProductId, StartDate = start, EndDate = start.AddYears(1).AddDays(-1),
                AnnualValue = deal.Amount ?? 0, Currency = Currency, AutoRenew = random.NextDouble() < 0.3, ExternalId = $"demo-contract-{deal.ExternalId}",
            });
        }
        // Make sure renewals fall due across the whole next 120 days, including at 7, 30, 60, 90 and 120 days.
        var offsets = new[] { 3, 7, 14, 21, 30, 45, 60, 75, 90, 105, 120 };
        for (var i = 0; i < offsets.Length * 2; i++)
        {
            var account = accounts[(i * 13 + 4) % accounts.Count];
            var product = products[i % products.Count];
            var end = today.AddDays(offsets[i % offsets.Length]);
            contracts.Add(new Contract
            {
                AccountId = account.Id, ProductId = product.Id, StartDate = end.AddYears(-1).AddDays(1), EndDate = end,
                AnnualValue = RoundToHundreds(product.ListPrice!.Value * (decimal)(0.8 + random.NextDouble())), Currency = Currency,
                AutoRenew = i % 4 == 0, ExternalId = $"demo-contract-renewal-{i:00}",
            });
        }
        return contracts;
    }

    private static List<Interaction> CreateInteractions(Random random, List<Opportunity> deals, List<Contact> contacts, DateTimeOffset now)
    {
        var interactions = new List<Interaction>();
        var contactsByAccount = contacts.GroupBy(c => c.AccountId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var open = deals.Where(d => d.StageCategory == StageCategory.Open).ToList();
        for (var i = 0; i < open.Count; i++)
        {
            var deal = open[i];
            // One deal in four has gone quiet for three weeks or more: the stale deals nudges are for.
            var stale = i % 4 == 1;
            var count = 1 + random.Next(4);
            for (var k = 0; k < count; k++)
            {
                var daysAgo = stale ? 21 + random.Next(60) : random.Next(0, 20);
                var at = now.AddDays(-daysAgo).AddHours(-random.Next(8));
                if (at < deal.CreatedAt)
                    at = deal.CreatedAt.AddHours(2);
                var type = (InteractionType)random.Next(4);
                var who = contactsByAccount[deal.AccountId!.Value];
                var contact = who[random.Next(who.Count)];
                var objection = random.NextDouble() < 0.3 ? Objections[random.Next(Objections.Length)] : null;
                var interaction = new Interaction
                {
                    Type = type, OccurredAt = at, RepId = deal.OwnerId, AccountId = deal.AccountId, OpportunityId = deal.Id,
                    Summary = type switch
                    {
                        InteractionType.Call => $"Call with {contact.Name} about {deal.Product!.Name}",
                        InteractionType.Meeting => $"Meeting with {contact.Name}: walked through {deal.Product!.Name} for {deal.Account!.Name}",
                        InteractionType.Email => $"E-mailed {contact.Name} the {deal.Product!.Name} proposal",
                        _ => $"Note: {contact.Name} is evaluating {deal.Product!.Name}",
                    },
                    Objections = objection, NextStep = deal.NextStep, NextStepDue = deal.NextStepDue, CreatedAt = at,
                    ExternalId = $"demo-interaction-{deal.ExternalId}-{k}",
                };
                interaction.Contacts.Add(new InteractionContact { ContactId = contact.Id });
                interactions.Add(interaction);
                if (deal.LastEngagedAt is null || deal.LastEngagedAt < at)
                    deal.LastEngagedAt = at;
            }
        }
        return interactions;
    }

    private static List<FollowUpTask> CreateFollowUps(Random random, List<Opportunity> deals, List<Interaction> interactions, DateOnly today, DateTimeOffset now)
    {
        var tasks = new List<FollowUpTask>();
        var recent = interactions.Where(i => i.NextStep is not null).OrderByDescending(i => i.OccurredAt).Take(400).ToList();
        for (var i = 0; i < recent.Count; i += 2)
        {
            var interaction = recent[i];
            // Overdue, due today and upcoming follow-ups, plus some already done.
            var due = today.AddDays(i % 10 == 0 ? 0 : random.Next(-12, 15));
            var done = i % 7 == 0;
            tasks.Add(new FollowUpTask
            {
                RepId = interaction.RepId!.Value, AccountId = interaction.AccountId, OpportunityId = interaction.OpportunityId, InteractionId = interaction.Id,
                Title = interaction.NextStep!, DueDate = due, Status = done ? FollowUpStatus.Done : FollowUpStatus.Open,
                CreatedAt = interaction.OccurredAt, CompletedAt = done ? now.AddDays(-1) : null, ExternalId = $"demo-task-{i:000}",
            });
        }
        return tasks;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo company not created: the database already has reps")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo company created: {Reps} people, {Accounts} accounts, {Deals} deals, {Contracts} contracts, {Interactions} interactions")]
    private static partial void LogSeeded(ILogger logger, int reps, int accounts, int deals, int contracts, int interactions);
}
