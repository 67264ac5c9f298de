using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Auth;

/// <summary>
/// The seller consent page <c>/open/authorize?service_id&amp;state</c>: a form listing shops; approving redirects to
/// <c>RedirectUrl?code=..&amp;state=..</c>, refusing to <c>RedirectUrl?code=null&amp;error=auth_denied&amp;state=..</c>.
/// </summary>
public static class ConsentPage
{
    private const int ListedShops = 200;

    /// <summary>Maps GET (the form) and POST (the decision).</summary>
    public static IEndpointRouteBuilder MapConsentPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/open/authorize", (HttpContext http, ShopDirectory shops, IOptions<SimulatorSettings> settings) =>
        {
            var serviceId = http.Request.Query["service_id"].ToString();
            if (serviceId != settings.Value.ServiceId)
            {
                return Results.Content("<!doctype html><p>Unknown service_id.</p>", "text/html", Encoding.UTF8, 400);
            }

            var state = http.Request.Query["state"].ToString();
            var html = new StringBuilder("<!doctype html><html><head><title>Authorize OpenClaw</title></head><body>")
                .Append("<h1>Authorize this app to access your shop</h1><form method=\"post\" action=\"/open/authorize\">")
                .Append("<input type=\"hidden\" name=\"service_id\" value=\"").Append(WebUtility.HtmlEncode(serviceId)).Append("\">")
                .Append("<input type=\"hidden\" name=\"state\" value=\"").Append(WebUtility.HtmlEncode(state)).Append("\"><ul>");
            foreach (var shop in shops.All.Take(ListedShops))
            {
                html.Append("<li><label><input type=\"radio\" name=\"shop_id\" value=\"").Append(shop.Id).Append('"')
                    .Append(shop.Index == 0 ? " checked" : "").Append("> ").Append(WebUtility.HtmlEncode(shop.Name))
                    .Append(" (").Append(shop.Region.Code).Append(")</label></li>");
            }

            html.Append("</ul><button type=\"submit\" name=\"decision\" value=\"approve\">Authorize</button>")
                .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button></form></body></html>");
            return Results.Content(html.ToString(), "text/html", Encoding.UTF8);
        });
        app.MapPost("/open/authorize", async (HttpContext http, ShopDirectory shops, AuthorizationStore store, IOptions<SimulatorSettings> settings) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return Results.Content("<!doctype html><p>Form post expected.</p>", "text/html", Encoding.UTF8, 400);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            var state = Uri.EscapeDataString(form["state"].ToString());
            var redirect = settings.Value.RedirectUrl + (settings.Value.RedirectUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?");
            if (form["decision"] != "approve")
            {
                return Results.Redirect($"{redirect}code=null&error=auth_denied&state={state}");
            }

            var shop = shops.ById(form["shop_id"].ToString());
            if (shop is null || form["service_id"] != settings.Value.ServiceId)
            {
                return Results.Content("<!doctype html><p>Choose one of the listed shops.</p>", "text/html", Encoding.UTF8, 400);
            }

            var (code, _) = store.IssueCode(shop);
            return Results.Redirect($"{redirect}code={Uri.EscapeDataString(code)}&state={state}");
        });
        return app;
    }
}
