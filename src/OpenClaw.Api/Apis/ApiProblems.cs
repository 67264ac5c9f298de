using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenClaw.Api.Apis;

/// <summary>The RFC 9457 problems the handlers return themselves (exceptions go through <c>ApiExceptionHandler</c>).</summary>
public static class ApiProblems
{
    /// <summary>404: unknown, or another tenant's (the two are indistinguishable on purpose).</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found", detail: $"No {what} with that id for this tenant.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>400 with a detail and a machine-readable code.</summary>
    public static ProblemHttpResult BadRequest(string detail, string code) =>
        TypedResults.Problem(title: "Bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["error_code"] = code });

    /// <summary>400 listing the invalid fields.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    /// <summary>400 for one invalid field.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>403: the request needs a tenant's key.</summary>
    public static ProblemHttpResult NeedsTenantKey() =>
        TypedResults.Problem(title: "Forbidden", detail: "This request acts for a tenant: use one of the tenant's API keys.", statusCode: StatusCodes.Status403Forbidden);
}
