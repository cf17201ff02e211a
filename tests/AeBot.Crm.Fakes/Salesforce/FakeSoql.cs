using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AeBot.Crm.Fakes.Salesforce;

/// <summary>
/// The part of SOQL ("SOQL and SOSL Reference", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/)
/// the clients send: SELECT fields, parent fields (UserRole.Name) and
/// child subqueries FROM one object, WHERE comparisons joined by AND, ORDER BY, LIMIT. Anything else is refused
/// as MALFORMED_QUERY, an unknown object as INVALID_TYPE, an unknown field — or a literal of the wrong type, such as
/// a quoted datetime — as INVALID_FIELD, the way Salesforce refuses them.
/// </summary>
internal sealed class FakeSoql
{
    private readonly List<string> _tokens;
    private int _at;

    private FakeSoql(string soql)
    {
        _tokens = Tokenize(soql);
    }

    internal sealed record Query(List<object> Select, string From, List<Condition> Where, List<(string Path, bool Descending)> OrderBy, int? Limit);

    internal sealed record Condition(string Path, string Op, Literal Value);

    internal sealed record Literal(string Kind, object? Value, string Text);

    public static Query Parse(string soql)
    {
        var parser = new FakeSoql(soql);
        var query = parser.ParseQuery();
        if (parser._at != parser._tokens.Count)
            throw FakeSalesforceError.Malformed($"unexpected token: '{parser._tokens[parser._at]}'");
        return query;
    }

    private Query ParseQuery()
    {
        Expect("SELECT");
        var select = new List<object>();
        do
        {
            if (Peek() == "(")
            {
                _at++;
                select.Add(ParseQuery());
                Expect(")");
            }
            else
                select.Add(Identifier());
        }
        while (Accept(","));
        Expect("FROM");
        var from = Identifier();
        var where = new List<Condition>();
        if (Accept("WHERE"))
        {
            do
            {
                var path = Identifier();
                var op = Next();
                if (op.Equals("IN", StringComparison.OrdinalIgnoreCase))
                {
                    where.Add(new Condition(path, "IN", ParseList()));
                    continue;
                }
                if (op is not ("=" or "!=" or "<" or "<=" or ">" or ">="))
                    throw FakeSalesforceError.Malformed($"unexpected token: '{op}' (this fake knows =, !=, <, <=, >, >=, IN joined by AND)");
                where.Add(new Condition(path, op, ParseLiteral()));
            }
            while (Accept("AND"));
            if (Peek() is { } t && t.Equals("OR", StringComparison.OrdinalIgnoreCase))
                throw FakeSalesforceError.Malformed("unexpected token: 'OR' (this fake knows AND only)");
        }
        var orderBy = new List<(string, bool)>();
        if (Accept("ORDER"))
        {
            Expect("BY");
            do
            {
                var path = Identifier();
                var descending = Accept("DESC");
                if (!descending)
                    Accept("ASC");
                orderBy.Add((path, descending));
            }
            while (Accept(","));
        }
        int? limit = null;
        if (Accept("LIMIT"))
            limit = int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw FakeSalesforceError.Malformed("LIMIT must be a whole number");
        return new Query(select, from, where, orderBy, limit);
    }

    /// <summary>
    /// IN's values: in parentheses, separated by commas, strings in single quotes ("Comparison Operators": "The values
    /// for IN must be in parentheses. String values must be surrounded by single quotes",
    /// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm).
    /// An empty list, a missing comma or parenthesis is MALFORMED_QUERY.
    /// </summary>
    private Literal ParseList()
    {
        if (Peek() != "(")
            throw FakeSalesforceError.Malformed($"unexpected token: '{Peek() ?? "end of query"}' (IN takes a list in parentheses)");
        _at++;
        var values = new List<Literal>();
        do
        {
            if (Peek() == ")")
                throw FakeSalesforceError.Malformed("unexpected token: ')'");
            values.Add(ParseLiteral());
        }
        while (Accept(","));
        Expect(")");
        return new Literal("list", values, "(" + string.Join(",", values.Select(v => v.Text)) + ")");
    }

    private Literal ParseLiteral()
    {
        var t = Next();
        if (t.StartsWith('\''))
            return new Literal("string", t[1..^1], t);
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("false", StringComparison.OrdinalIgnoreCase))
            return new Literal("bool", t.Equals("true", StringComparison.OrdinalIgnoreCase), t);
        if (t.Equals("null", StringComparison.OrdinalIgnoreCase))
            return new Literal("null", null, t);
        // dateTime: YYYY-MM-DDThh:mm:ss(.sss)?(Z|+hh:mm|-hh:mm); date: YYYY-MM-DD ("Date Formats and Date Literals").
        if (t.Length >= 20 && t[4] == '-' && t[10] == 'T'
            && DateTimeOffset.TryParseExact(t, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.fffK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
            && (t.EndsWith('Z') || t[^6] is '+' or '-'))
            return new Literal("datetime", dt, t);
        if (t.Length == 10 && DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return new Literal("date", d, t);
        if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return new Literal("number", number, t);
        throw FakeSalesforceError.Malformed($"unexpected token: '{t}'");
    }

    private string Identifier()
    {
        var t = Next();
        if (t.Length == 0 || !(char.IsLetter(t[0]) || t[0] == '_') || t.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '.')))
            throw FakeSalesforceError.Malformed($"unexpected token: '{t}'");
        return t;
    }

    private string? Peek() => _at < _tokens.Count ? _tokens[_at] : null;

    private string Next() => _at < _tokens.Count ? _tokens[_at++] : throw FakeSalesforceError.Malformed("unexpected end of query");

    private bool Accept(string keyword)
    {
        if (Peek() is { } t && t.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            _at++;
            return true;
        }
        return false;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword))
            throw FakeSalesforceError.Malformed($"expecting '{keyword}', found '{Peek() ?? "end of query"}'");
    }

    private static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var op = i + 1 < s.Length && s[i + 1] == '=' ? s.Substring(i, 2) : c.ToString();
                tokens.Add(op);
                i += op.Length;
            }
            else if (c == '\'')
            {
                // Escapes: \' \\ \n … ("Quoted String Escape Sequences"); kept as the unescaped value between quotes.
                var sb = new StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= s.Length)
                        throw FakeSalesforceError.Malformed("unterminated string");
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        sb.Append(s[i + 1] switch { 'n' => '\n', 't' => '\t', var x => x });
                        i += 2;
                    }
                    else if (s[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                        sb.Append(s[i++]);
                }
                tokens.Add(sb.Append('\'').ToString());
            }
            else
            {
                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('(' or ')' or ',' or '=' or '!' or '<' or '>' or '\''))
                    i++;
                tokens.Add(s[start..i]);
            }
        }
        return tokens;
    }

    // ---- evaluation ----

    /// <summary>Runs the query over the org (caller holds the org's lock); records in the REST shape.</summary>
    public static List<JsonObject> Run(Query query, FakeSalesforceOrg org, string version)
    {
        var type = org.Schema.TryGetValue(query.From, out var t) ? t : throw FakeSalesforceError.NoSuchType(query.From);
        return Run(query, type, org.All(type.Name), org, version);
    }

    private static List<JsonObject> Run(Query query, FakeSObjectType type, IEnumerable<FakeRecord> source, FakeSalesforceOrg org, string version)
    {
        var subqueries = new List<(string Relationship, Query Query, FakeSObjectType Child, string ForeignKey)>();
        foreach (var item in query.Select)
        {
            if (item is string path)
                Resolve(org, type, path);
            else if (item is Query sub)
            {
                if (!type.Children.TryGetValue(sub.From, out var rel))
                    throw new FakeSalesforceError(400, "INVALID_TYPE", $"Didn't understand relationship '{sub.From}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");
                var child = org.Schema[rel.Child];
                Validate(sub, child, org);
                subqueries.Add((type.Children.Keys.First(k => k.Equals(sub.From, StringComparison.OrdinalIgnoreCase)), sub, child, rel.ForeignKey));
            }
        }
        Validate(query with { Select = [] }, type, org);

        IEnumerable<FakeRecord> rows = source.Where(r => query.Where.All(c => Matches(org, type, r, c)));
        rows = Order(org, type, rows, query.OrderBy);
        if (query.Limit is { } limit)
            rows = rows.Take(limit);

        var result = new List<JsonObject>();
        foreach (var row in rows)
        {
            var json = new JsonObject { ["attributes"] = Attributes(type.Name, row.Id, version) };
            foreach (var item in query.Select)
            {
                if (item is string path)
                    Project(org, type, row, path, json, version);
            }
            foreach (var (relationship, sub, child, foreignKey) in subqueries)
            {
                var children = Run(sub, child, org.All(child.Name).Where(c => Equals(c.Values.GetValueOrDefault(foreignKey), row.Id)), org, version);
                json[relationship] = children.Count == 0 ? null : new JsonObject
                {
                    ["totalSize"] = children.Count,
                    ["done"] = true,
                    ["records"] = new JsonArray(children.Cast<JsonNode>().ToArray()),
                };
            }
            result.Add(json);
        }
        return result;
    }

    private static void Validate(Query query, FakeSObjectType type, FakeSalesforceOrg org)
    {
        foreach (var item in query.Select)
        {
            if (item is string path)
                Resolve(org, type, path);
            else
                throw FakeSalesforceError.Malformed("nested subqueries are not supported");
        }
        foreach (var c in query.Where.SelectMany(c => c.Value.Value is List<Literal> list ? list.Select(v => c with { Op = "=", Value = v }) : new[] { c }))
        {
            var field = Resolve(org, type, c.Path).Field;
            // An id filter must hold ids: 15 or 18 letters and digits, else Salesforce refuses the query
            // (INVALID_QUERY_FILTER_OPERATOR "invalid ID field").
            if (field.Type == FakeFieldType.Id && c.Value is { Kind: "string", Value: string id } && (id.Length is not (15 or 18) || !id.All(char.IsAsciiLetterOrDigit)))
                throw new FakeSalesforceError(400, "INVALID_QUERY_FILTER_OPERATOR", $"invalid ID field: {id}");
            var ok = c.Value.Kind switch
            {
                "null" => c.Op is "=" or "!=",
                "string" => field.Type is FakeFieldType.String or FakeFieldType.Id,
                "bool" => field.Type == FakeFieldType.Bool,
                "number" => field.Type is FakeFieldType.Int or FakeFieldType.Number,
                "date" => field.Type == FakeFieldType.Date,
                "datetime" => field.Type == FakeFieldType.DateTime,
                _ => false,
            };
            if (!ok)
            {
                var expected = field.Type switch
                {
                    FakeFieldType.DateTime => "dateTime and should not be enclosed in quotes",
                    FakeFieldType.Date => "date and should not be enclosed in quotes",
                    FakeFieldType.Bool => "boolean and should not be enclosed in quotes",
                    FakeFieldType.Int or FakeFieldType.Number => "number and should not be enclosed in quotes",
                    _ => "string and should be enclosed in quotes",
                };
                throw new FakeSalesforceError(400, "INVALID_FIELD", $"value of filter criterion for field '{c.Path}' must be of type {expected}");
            }
        }
        foreach (var (path, _) in query.OrderBy)
            Resolve(org, type, path);
    }

    /// <summary>A field or parent.field of the object, or INVALID_FIELD.</summary>
    internal static (FakeField Field, string? Relationship, string? IdField) Resolve(FakeSalesforceOrg org, FakeSObjectType type, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
            return type.Fields.TryGetValue(path, out var f) ? (f, null, null) : throw FakeSalesforceError.NoSuchColumn(path, type.Name);
        var relationship = path[..dot];
        if (!type.Parents.TryGetValue(relationship, out var parent) || path.IndexOf('.', dot + 1) >= 0)
            throw new FakeSalesforceError(400, "INVALID_FIELD", $"Didn't understand relationship '{relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");
        var target = org.Schema[parent.Target];
        return target.Fields.TryGetValue(path[(dot + 1)..], out var tf)
            ? (tf, type.Parents.Keys.First(k => k.Equals(relationship, StringComparison.OrdinalIgnoreCase)), parent.IdField)
            : throw FakeSalesforceError.NoSuchColumn(path[(dot + 1)..], target.Name);
    }

    private static object? Value(FakeSalesforceOrg org, FakeSObjectType type, FakeRecord row, string path)
    {
        var (field, relationship, idField) = Resolve(org, type, path);
        if (relationship is null)
            return row.Values.GetValueOrDefault(field.Name);
        return row.Values.GetValueOrDefault(idField!) is string parentId && org.Find(parentId) is { } parent
            ? parent.Values.GetValueOrDefault(field.Name)
            : null;
    }

    private static bool Matches(FakeSalesforceOrg org, FakeSObjectType type, FakeRecord row, Condition c)
    {
        if (c.Value.Value is List<Literal> list)
            return list.Any(v => Matches(org, type, row, c with { Op = "=", Value = v }));
        var value = Value(org, type, row, c.Path);
        // Ids match by their 15-character case-sensitive form: an 18-character id is that plus a case checksum
        // ("What Are Salesforce IDs Composed Of?"), so either form finds the record.
        if (Resolve(org, type, c.Path).Field.Type == FakeFieldType.Id && value is string stored && c.Value.Value is string wanted && c.Op is "=" or "!=")
            return (stored.Length >= 15 && wanted.Length >= 15 && string.CompareOrdinal(stored, 0, wanted, 0, 15) == 0) == (c.Op == "=");
        if (c.Value.Kind == "null")
            return c.Op == "=" ? value is null : value is not null;
        if (value is null)
            return c.Op == "!=";
        var cmp = Compare(value, c.Value.Value);
        return c.Op switch
        {
            "=" => cmp == 0,
            "!=" => cmp != 0,
            "<" => cmp < 0,
            "<=" => cmp <= 0,
            ">" => cmp > 0,
            _ => cmp >= 0,
        };
    }

    /// <summary>Text compares case-insensitively in SOQL; nulls sort first ascending.</summary>
    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
        (int x, decimal y) => ((decimal)x).CompareTo(y),
        (decimal x, int y) => x.CompareTo(y),
        (IComparable x, _) when a.GetType() == b.GetType() => x.CompareTo(b),
        _ => string.Compare(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture), StringComparison.Ordinal),
    };

    private static IEnumerable<FakeRecord> Order(FakeSalesforceOrg org, FakeSObjectType type, IEnumerable<FakeRecord> rows, List<(string Path, bool Descending)> orderBy)
    {
        if (orderBy.Count == 0)
            return rows.OrderBy(r => r.Id, StringComparer.Ordinal);
        var list = rows.ToList();
        list.Sort((x, y) =>
        {
            foreach (var (path, descending) in orderBy)
            {
                var c = Compare(Value(org, type, x, path), Value(org, type, y, path));
                if (c != 0)
                    return descending ? -c : c;
            }
            return string.CompareOrdinal(x.Id, y.Id);
        });
        return list;
    }

    private static void Project(FakeSalesforceOrg org, FakeSObjectType type, FakeRecord row, string path, JsonObject json, string version)
    {
        var (field, relationship, idField) = Resolve(org, type, path);
        if (relationship is null)
        {
            json[field.Name] = ToJson(row.Values.GetValueOrDefault(field.Name));
            return;
        }
        // A parent's fields nest under the relationship name, or the relationship is null ("Relationship Queries").
        if (row.Values.GetValueOrDefault(idField!) is not string parentId || org.Find(parentId) is not { } parent)
        {
            json[relationship] = null;
            return;
        }
        if (json[relationship] is not JsonObject nested)
            json[relationship] = nested = new JsonObject { ["attributes"] = Attributes(parent.Type, parent.Id, version) };
        nested[field.Name] = ToJson(parent.Values.GetValueOrDefault(field.Name));
    }

    internal static JsonObject Attributes(string type, string id, string version) =>
        new() { ["type"] = type, ["url"] = $"/services/data/{version}/sobjects/{type}/{id}" };

    /// <summary>Values as Salesforce writes them: dates yyyy-MM-dd, datetimes 2026-12-01T10:00:00.000+0000.</summary>
    internal static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => JsonValue.Create(d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        decimal m => JsonValue.Create(m),
        double x => JsonValue.Create(x),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
