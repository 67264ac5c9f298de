namespace OpenClaw.Runtime.Activation;

/// <summary>Deactivates activations idle longer than their grain class's collection age.</summary>
internal sealed class IdleCollector(SiloRuntime silo)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(silo.Options.CollectionQuantum);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            CollectOnce();
        }
    }

    public int CollectOnce()
    {
        var now = Environment.TickCount64;
        var reason = new DeactivationReason(DeactivationReasonCode.ActivationIdle, "idle");
        var collected = 0;
        foreach (var activation in silo.Catalog.All)
        {
            if (activation.IsIdleFor(activation.GrainClass.CollectionAge, now))
            {
                _ = activation.RequestDeactivation(reason);
                collected++;
            }
        }

        return collected;
    }
}
