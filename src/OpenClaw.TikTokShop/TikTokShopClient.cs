using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Analytics;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Events;
using OpenClaw.TikTokShop.Fulfillment;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Products;
using OpenClaw.TikTokShop.Resilience;
using OpenClaw.TikTokShop.Returns;
using OpenClaw.TikTokShop.Seller;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop;

/// <summary>
/// The typed TikTok Shop Partner API client. Every call returns a <see cref="Calls.TikTokShopResult{T}"/>: typed data
/// or a typed error explained by the error catalogue. Register with <c>AddTikTokShopClient</c>.
/// </summary>
public sealed class TikTokShopClient
{
    /// <summary>Used by dependency injection (typed HttpClient).</summary>
    [ActivatorUtilitiesConstructor]
    public TikTokShopClient(
        HttpClient httpClient, IOptions<TikTokShopOptions> options, IRateBudget budget, TimeProvider timeProvider,
        CallPipelines pipelines, ILogger<TikTokShopClient> logger)
        : this(new TikTokShopTransport(httpClient, (options ?? throw new ArgumentNullException(nameof(options))).Value, budget, timeProvider, pipelines, logger))
    {
    }

    /// <summary>Creates a client without dependency injection (tools, tests, benchmarks).</summary>
    public TikTokShopClient(
        HttpClient httpClient, TikTokShopOptions options, IRateBudget? budget = null, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(Standalone(httpClient, options, budget, timeProvider, logger))
    {
    }

    private TikTokShopClient(TikTokShopTransport transport)
    {
        Orders = new OrdersApi(transport);
        Products = new ProductsApi(transport);
        Returns = new ReturnsApi(transport);
        Fulfillment = new FulfillmentApi(transport);
        Analytics = new AnalyticsApi(transport);
        Seller = new SellerApi(transport);
        Webhooks = new WebhooksApi(transport);
    }

    /// <summary>Order search and detail.</summary>
    public OrdersApi Orders { get; }

    /// <summary>Product search, detail and inventory.</summary>
    public ProductsApi Products { get; }

    /// <summary>Returns, refunds and cancellations.</summary>
    public ReturnsApi Returns { get; }

    /// <summary>Packages, tracking and warehouses.</summary>
    public FulfillmentApi Fulfillment { get; }

    /// <summary>Shop performance.</summary>
    public AnalyticsApi Analytics { get; }

    /// <summary>Authorized shops, active shops, permissions.</summary>
    public SellerApi Seller { get; }

    /// <summary>Webhook subscriptions.</summary>
    public WebhooksApi Webhooks { get; }

    internal static TikTokShopTransport Standalone(
        HttpClient httpClient, TikTokShopOptions options, IRateBudget? budget, TimeProvider? timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        return new TikTokShopTransport(httpClient, options, budget ?? new TokenBucketRateBudget(timeProvider: time), time,
            new CallPipelines(options, time), logger ?? NullLogger.Instance);
    }
}
