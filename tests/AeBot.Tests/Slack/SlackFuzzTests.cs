using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AeBot.Tests.Slack;

/// <summary>
/// Correctly signed but mutated copies of Slack's real payloads (fixed seed, 2,000 per endpoint): whatever the body,
/// the answer is never a 5xx and nothing is logged as unhandled. Mutations: a field of another JSON type, removed,
/// emptied or huge; lone surrogates and invalid UTF-8 in strings; bytes flipped, cut or inserted.
/// </summary>
public sealed class SlackFuzzTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    private const int Mutations = 2_000;

    private SlackApplication App => fixture.App;

    public static TheoryData<string> Endpoints => new() { "events", "interactivity", "commands" };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task No_signed_mutation_of_a_real_payload_gets_a_5xx(string endpoint)
    {
        var random = new Random(20261202 + endpoint.Length);
        var originals = endpoint switch
        {
            "events" => new[] { "message_im_event_callback.json", "app_mention_event_callback.json", "app_home_opened_event_callback.json", "member_joined_channel_event_callback.json", "bot_message_event_callback.json", "url_verification.json" }
                .Select(f => (Json: (JsonNode?)SlackFixtures.Json(f), Form: (string?)null)).ToList(),
            "interactivity" => new[] { "block_actions_message_payload.json", "block_actions_home_view_payload.json", "view_submission_payload.json" }
                .Select(f => (Json: (JsonNode?)SlackFixtures.Json(f), Form: (string?)null)).ToList(),
            _ => [(Json: null, Form: SlackFixtures.Text("slash_command_signed_body.txt").Trim())],
        };
        using var client = App.CreateClient();
        var failures = new List<string>();
        for (var i = 0; i < Mutations; i++)
        {
            var (json, form) = originals[random.Next(originals.Count)];
            byte[] body;
            string type;
            if (json is not null)
            {
                var mutated = json.DeepClone();
                JsonFuzz.Mutate(mutated, random);
                var text = Unique(mutated.ToJsonString(), i);
                body = endpoint == "interactivity" ? Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(text)) : Encoding.UTF8.GetBytes(text);
                type = endpoint == "interactivity" ? "application/x-www-form-urlencoded" : "application/json";
            }
            else
            {
                body = Encoding.UTF8.GetBytes(MutateForm(form!, random));
                type = "application/x-www-form-urlencoded";
            }
            if (random.Next(4) == 0)
                body = JsonFuzz.MutateBytes(body, random);
            var status = await PostSignedAsync(client, "/slack/" + endpoint, body, type);
            if ((int)status >= 500)
                failures.Add($"#{i} → {(int)status}: {Encoding.UTF8.GetString(body)[..Math.Min(300, body.Length)]}");
        }
        var errors = App.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).Distinct().Take(8);
        Assert.True(failures.Count == 0, $"{failures.Count} of {Mutations} got a 5xx:\n" + string.Join("\n", failures.Take(5)) + "\nlogged:\n" + string.Join("\n", errors));
        Assert.DoesNotContain(App.Logs.Lines, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<HttpStatusCode> PostSignedAsync(HttpClient client, string path, byte[] body, string type)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(SlackApplication.SigningSecret));
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(hmac.ComputeHash(signed)));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    // Fresh ids, so each mutation is a new event and not a redelivery answered from the dedupe table.
    private static string Unique(string json, int i) => json.Replace("\"Ev", $"\"EvFZ{i:0000}", StringComparison.Ordinal).Replace("\"trigger_id\":\"", $"\"trigger_id\":\"fz{i}.", StringComparison.Ordinal);

    private static string MutateForm(string form, Random random)
    {
        var fields = form.Split('&').ToList();
        var i = random.Next(fields.Count);
        var name = fields[i].Split('=')[0];
        string[] values = ["", "%", "%ZZ", "%ED%A0%80", "%C3%28", "%FF", new string('a', 50_000), "%00", "1e999", "-1", "%F0%9F%92%A9", "null"];
        switch (random.Next(3))
        {
            case 0: fields.RemoveAt(i); break;
            case 1: fields[i] = name + "=" + values[random.Next(values.Length)]; break;
            default: fields.Add(values[random.Next(values.Length)] + "=" + values[random.Next(values.Length)]); break;
        }
        return string.Join('&', fields);
    }
}
