using System.Text;
using System.Text.Json.Nodes;

namespace AeBot.Tests;

/// <summary>Seeded mutations of real payloads for the channels' fuzz tests (Slack, Teams).</summary>
internal static class JsonFuzz
{
    private static readonly Func<Random, JsonNode?>[] Replacements =
    [
        _ => JsonValue.Create(42), _ => JsonValue.Create(-1.5e300), _ => JsonValue.Create(true), _ => null, _ => new JsonObject(), _ => new JsonArray(JsonValue.Create(1)),
        _ => JsonValue.Create(""), r => JsonValue.Create(new string('x', r.Next(1, 20_000))), _ => JsonValue.Create("\ud800"), _ => JsonValue.Create("a\udfffb"),
        _ => JsonValue.Create("\u0000"), _ => JsonValue.Create("<@U0> \u202e ☃"), _ => new JsonObject { ["type"] = "text" },
    ];

    public static void Mutate(JsonNode root, Random random)
    {
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var nodes = Walk(root).Where(x => x.Parent is not null).ToList();
            if (nodes.Count == 0)
                return;
            var node = nodes[random.Next(nodes.Count)];
            switch (node.Parent)
            {
                case JsonObject parent:
                    var key = parent.First(p => ReferenceEquals(p.Value, node)).Key;
                    if (random.Next(5) == 0)
                        parent.Remove(key);
                    else
                        parent[key] = Replacements[random.Next(Replacements.Length)](random);
                    break;
                case JsonArray array:
                    var index = array.IndexOf(node);
                    array[index] = Replacements[random.Next(Replacements.Length)](random);
                    break;
            }
        }
    }

    private static IEnumerable<JsonNode> Walk(JsonNode node)
    {
        yield return node;
        var children = node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a.AsEnumerable(), _ => [] };
        foreach (var child in children)
            if (child is not null)
                foreach (var inner in Walk(child))
                    yield return inner;
    }

    public static byte[] MutateBytes(byte[] body, Random random)
    {
        var bytes = body.ToList();
        switch (random.Next(4))
        {
            case 0 when bytes.Count > 0: bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8)); break;
            case 1: bytes = bytes.Take(random.Next(bytes.Count + 1)).ToList(); break;
            case 2: bytes.InsertRange(random.Next(bytes.Count + 1), new byte[] { 0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80 }); break;
            default: bytes.InsertRange(random.Next(bytes.Count + 1), Encoding.UTF8.GetBytes("\\ud800")); break;
        }
        return bytes.ToArray();
    }
}
