namespace OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

/// <summary>A fresh simulator per test on a real port, with one shop already authorized.</summary>
public abstract class ConnectedSimulatorTest : IAsyncLifetime
{
    protected SimulatorHost Host { get; private set; } = null!;

    protected Session Session { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync();
        Session = await Host.ConnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
