namespace Browser.Tests.Infrastructure;

public static class Viewports
{
    public static ViewportSize Desktop { get; } = new() { Width = 1280, Height = 900 };

    /// <summary>A common phone width (CSS pixels).</summary>
    public static ViewportSize Phone { get; } = new() { Width = 390, Height = 844 };
}
