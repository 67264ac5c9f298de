namespace OpenClaw.AppHost.Model;

/// <summary>Orders resources so that everything a resource references starts before it.</summary>
internal static class StartOrder
{
    public static IReadOnlyList<Resource> Sort(IReadOnlyList<Resource> resources)
    {
        var ordered = new List<Resource>();
        var state = new Dictionary<Resource, bool>(); // false = visiting, true = done
        foreach (var resource in resources)
        {
            Visit(resource);
        }

        return ordered;

        void Visit(Resource resource)
        {
            if (state.TryGetValue(resource, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException($"Resource '{resource.Name}' is part of a reference cycle.");
                }

                return;
            }

            state[resource] = false;
            foreach (var dependency in resource.References)
            {
                Visit(dependency);
            }

            state[resource] = true;
            ordered.Add(resource);
        }
    }
}
