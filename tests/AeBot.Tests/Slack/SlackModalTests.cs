using System.Net;
using System.Text.Json.Nodes;
using AeBot.Core.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Slack;

public sealed class SlackModalTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    private SlackApplication App => fixture.App;
    private FakeSlackApi Slack => fixture.Slack;

    private static JsonObject Submission(string callback, JsonObject values, string user = SlackFixture.DanaSlackId)
    {
        var payload = SlackFixtures.Json("view_submission_payload.json");
        payload["user"]!["id"] = user;
        payload["team"]!["id"] = "T061EG9R6";
        payload["view"]!["id"] = "V" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        payload["view"]!["callback_id"] = callback;
        payload["view"]!["state"] = new JsonObject { ["values"] = values };
        return payload;
    }

    private static JsonObject Text(string block, string? value) => new() { [block] = new JsonObject { [block] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } } };

    private static JsonObject Values(params JsonObject[] parts)
    {
        var values = new JsonObject();
        foreach (var part in parts)
            foreach (var (key, value) in part.ToList())
            {
                part.Remove(key);
                values[key] = value;
            }
        return values;
    }

    [Fact]
    public async Task The_global_shortcut_opens_the_log_form_and_the_message_shortcut_prefills_it()
    {
        var trigger = "trig-" + Guid.NewGuid().ToString("N");
        var shortcut = new JsonObject { ["type"] = "shortcut", ["callback_id"] = "log_interaction", ["trigger_id"] = trigger, ["user"] = new JsonObject { ["id"] = SlackFixture.DanaSlackId }, ["team"] = new JsonObject { ["id"] = "T061EG9R6" } };
        Assert.Equal(HttpStatusCode.OK, (await App.InteractAsync(shortcut)).StatusCode);
        var opened = Assert.Single(Slack.CallsTo("views.open"), c => c.Json!["trigger_id"]!.GetValue<string>() == trigger);
        Assert.Equal("log_interaction", opened.Json!["view"]!["callback_id"]!.GetValue<string>());

        var fromMessage = new JsonObject
        {
            ["type"] = "message_action", ["callback_id"] = "log_interaction_from_message", ["trigger_id"] = trigger + "-m",
            ["user"] = new JsonObject { ["id"] = SlackFixture.DanaSlackId }, ["team"] = new JsonObject { ["id"] = "T061EG9R6" },
            ["channel"] = new JsonObject { ["id"] = "C1" }, ["message"] = new JsonObject { ["text"] = "They pushed back on price again", ["ts"] = "1.2" },
        };
        Assert.Equal(HttpStatusCode.OK, (await App.InteractAsync(fromMessage)).StatusCode);
        var prefilled = Assert.Single(Slack.CallsTo("views.open"), c => c.Json!["trigger_id"]!.GetValue<string>() == trigger + "-m");
        Assert.Contains("They pushed back on price again", prefilled.Json!["view"]!.ToJsonString());
    }

    [Fact]
    public async Task A_log_form_with_missing_fields_gets_field_errors_and_a_complete_one_is_logged()
    {
        var incomplete = Submission("log_interaction", Values(Text("account", null), Text("summary", "  "), Text("next", null)));
        var response = await App.InteractAsync(incomplete);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.NotNull(body["errors"]!["account"]);
        Assert.NotNull(body["errors"]!["summary"]);

        var account = (await App.QueryAsync(db => db.Opportunities
                .Where(o => o.Owner!.Email == "dana.reyes@northwind.example" && o.StageCategory == StageCategory.Open && o.AccountId != null)
                .GroupBy(o => new { Id = o.AccountId!.Value, o.Account!.Name }).Where(g => g.Count() == 1).Select(g => new { g.Key.Id, g.Key.Name }).ToListAsync()))
            .OrderBy(a => a.Id).First().Name;
        var type = new JsonObject { ["type"] = new JsonObject { ["type"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "meeting" } } } };
        var complete = Submission("log_interaction", Values(type, Text("account", account), Text("summary", "Walked through the security review"), Text("next", "send the SOC 2 report")));
        response = await App.InteractAsync(complete);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // an empty 200 closes the modal
        var dm = await Slack.WaitForAsync("chat.postMessage", c => c.Channel == "D2147483697" && c.AllText.Contains("meeting with " + account, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("act:undo", dm.AllText);
    }

    [Fact]
    public async Task The_update_form_opens_from_the_slash_command_and_checks_an_amount_is_a_number()
    {
        var form = System.Web.HttpUtility.ParseQueryString(SlackFixtures.Text("slash_command_signed_body.txt"));
        form["text"] = "update";
        form["trigger_id"] = "trig-" + Guid.NewGuid().ToString("N");
        form["response_url"] = Slack.ResponseUrl("update");
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync("/slack/commands", form.ToString()!, "application/x-www-form-urlencoded")).StatusCode);
        var opened = Assert.Single(Slack.CallsTo("views.open"), c => c.Json!["trigger_id"]!.GetValue<string>() == form["trigger_id"]);
        Assert.Equal("update_deal", opened.Json!["view"]!["callback_id"]!.GetValue<string>());

        var field = new JsonObject { ["field"] = new JsonObject { ["field"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "amount" } } } };
        var response = await App.InteractAsync(Submission("update_deal", Values(Text("deal", "Acme security add-on"), field, Text("value", "lots"))));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("An amount is a number, e.g. 48000.", body["errors"]!["value"]!.GetValue<string>());
    }
}
