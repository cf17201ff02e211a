using System.Text.Json;
using System.Text.Json.Nodes;
using AeBot.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>
/// The parser's corpus runs without a database over a snapshot of the demo company's names
/// (AeBot.Core.Tests/Understanding/Corpus/demo-names.json). This checks the snapshot is still the demo the other tests
/// seed — same people, roles, org paths, teams, accounts with their owners and deal owners, products and stages — so
/// the corpus can't drift from the data it describes.
/// </summary>
public sealed class DemoNamesSnapshotTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private static JsonObject Snapshot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AeBot.sln")))
            directory = directory.Parent;
        var path = Path.Combine(directory!.FullName, "tests", "AeBot.Core.Tests", "Understanding", "Corpus", "demo-names.json");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    [Fact]
    public async Task The_names_snapshot_matches_the_seeded_demo_company()
    {
        var snapshot = Snapshot();
        var reps = await app.QueryAsync(db => db.Reps.Where(r => r.IsActive).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Name, r.Email, r.Role, r.HierarchyPath, r.TeamId, r.TimeZoneId }).ToListAsync());
        Assert.Equal(
            snapshot["reps"]!.AsArray().Select(r => $"{r!["id"]}|{r["name"]}|{r["email"]}|{r["role"]}|{r["path"]}|{r["team"]}|{r["zone"]}"),
            reps.Select(r => $"{r.Id}|{r.Name}|{r.Email}|{r.Role}|{r.HierarchyPath}|{r.TeamId}|{r.TimeZoneId}"));

        var teams = await app.QueryAsync(db => db.Teams.OrderBy(t => t.Id).Select(t => t.Id + "|" + t.Name).ToListAsync());
        Assert.Equal(snapshot["teams"]!.AsArray().Select(t => $"{t!["id"]}|{t["name"]}"), teams);

        var accounts = await app.QueryAsync(async db =>
        {
            var rows = await db.Accounts.OrderBy(a => a.Id).Select(a => new { a.Id, a.Name, a.OwnerId, a.AccountManagerId }).ToListAsync();
            var owners = (await db.Opportunities.Where(o => o.AccountId != null).Select(o => new { o.AccountId, o.OwnerId }).Distinct().ToListAsync())
                .GroupBy(o => o.AccountId!.Value).ToDictionary(g => g.Key, g => string.Join(",", g.Select(o => o.OwnerId).Order()));
            return rows.Select(a => $"{a.Id}|{a.Name}|{a.OwnerId}|{a.AccountManagerId}|{owners.GetValueOrDefault(a.Id, "")}").ToList();
        });
        Assert.Equal(snapshot["accounts"]!.AsArray().Select(a => $"{a!["id"]}|{a["name"]}|{a["owner"]}|{a["manager"]}|{string.Join(",", a["dealOwners"]!.AsArray().Select(o => o!.GetValue<long>()))}"),
            accounts);

        var products = await app.QueryAsync(db => db.Products.OrderBy(p => p.Id).Select(p => p.Id + "|" + p.Name).ToListAsync());
        Assert.Equal(snapshot["products"]!.AsArray().Select(p => $"{p!["id"]}|{p["name"]}"), products);
        var stages = await app.QueryAsync(db => db.Opportunities.Select(o => o.Stage).Distinct().ToListAsync());
        Assert.Equal(snapshot["stages"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal), stages.Order(StringComparer.Ordinal));
    }
}
