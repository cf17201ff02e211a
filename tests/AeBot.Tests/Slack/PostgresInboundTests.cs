using System.Net;
using System.Text.Json.Nodes;
using Npgsql;

namespace AeBot.Tests.Slack;

/// <summary>
/// Two AeBot instances sharing one PostgreSQL database (when <c>AEBOT_TEST_POSTGRES</c> is set; CI starts a server),
/// each with its own inbound engine, Slack's requests arriving at either: every request answered once, and each
/// person's answers in the order their requests came — the queue's claim rule holds across instances.
/// </summary>
public sealed class PostgresInboundTests
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("AEBOT_TEST_POSTGRES");

    [SkippableFact]
    public async Task Two_instances_answer_every_request_once_and_each_persons_in_order()
    {
        Skip.If(string.IsNullOrWhiteSpace(Server), "AEBOT_TEST_POSTGRES is not set");
        var database = $"aebot_inbound_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
        }
        try
        {
            await using var slack = await FakeSlackApi.StartAsync();
            string[] people = ["dana.reyes@northwind.example", "lee.chen@northwind.example", "marcus.johnson@northwind.example"];
            for (var p = 0; p < people.Length; p++)
                slack.Users[$"UPG{p}"] = (people[p], people[p]);
            var settings = new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Postgres",
                ["ConnectionStrings:AeBot"] = new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString,
                ["Scheduling:Enabled"] = "false",
                ["Inbound:MaxParallelConversations"] = "4",
            };
            using var first = new SlackApplication(slack, settings);
            _ = first.Server; // migrates and seeds before the second starts
            using var second = new SlackApplication(slack, settings);
            _ = second.Server;

            const int PerPerson = 8;
            var sent = new List<string>();
            for (var i = 0; i < PerPerson; i++)
            {
                for (var p = 0; p < people.Length; p++)
                {
                    var envelope = SlackFixtures.Json("message_im_event_callback.json");
                    envelope["event_id"] = $"EvPG{p}x{i}{Guid.NewGuid():N}"[..24];
                    envelope["event"]!["user"] = $"UPG{p}";
                    envelope["event"]!["channel"] = $"DPG{p}";
                    envelope["event"]!["text"] = i % 2 == 0 ? "what closes this month?" : "help";
                    var door = (i + p) % 2 == 0 ? first : second; // Slack's load balancer: either instance
                    Assert.Equal(HttpStatusCode.OK, (await door.PostAsync("/slack/events", envelope.ToJsonString(), "application/json")).StatusCode);
                    sent.Add(envelope["event_id"]!.GetValue<string>());
                }
            }
            foreach (var key in sent)
                await first.SettledAsync(key);

            for (var p = 0; p < people.Length; p++)
            {
                // Each answer names the stored request it answers; ids grow in arrival order.
                var answered = slack.AnswersIn($"DPG{p}").Select(long.Parse).ToList();
                Assert.Equal(PerPerson, answered.Count);
                Assert.Equal(answered.Order(), answered); // in the order they came
                Assert.Equal(PerPerson, answered.Distinct().Count()); // none twice
            }
            Assert.Equal(sent.Count, await first.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.InboundQueue, q => q.ProcessedAt != null)));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Server);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }
}
