namespace Mcp.Engine.Reports;

/// <summary>A stored report document or report file that cannot be read.</summary>
internal sealed class ReportDocumentException : Exception
{
    public ReportDocumentException(string message)
        : base(message)
    {
    }

    public ReportDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
