namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>Raised anywhere in request handling to answer with a contract error envelope.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception for an error.</summary>
    public ApiException(ApiError error) : base(error?.Message) => Error = error!;

    /// <summary>Creates an invalid-request exception.</summary>
    public ApiException() : this(ApiError.BadRequest("invalid request")) { }

    /// <summary>Creates an invalid-request (36009004) exception.</summary>
    public ApiException(string message) : this(ApiError.BadRequest(message)) { }

    /// <summary>Creates an invalid-request (36009004) exception with a cause.</summary>
    public ApiException(string message, Exception innerException) : base(message, innerException) => Error = ApiError.BadRequest(message);

    /// <summary>The error to answer with.</summary>
    public ApiError Error { get; }
}
