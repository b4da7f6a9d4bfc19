using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Browser.Tests.Infrastructure;

/// <summary>
/// Words a script writes when it turns a missing or wrong value into text (<c>undefined</c>, <c>null</c>,
/// <c>NaN</c>, <c>false</c>, <c>[object Object]</c>): a person must never see them. Every page of every context the
/// fixture opens is watched from its first script on, so each page a test reaches, by address or by clicking, is
/// checked without the test asking; <see cref="ShouldHaveNoneAsync"/> then fails the test with what was seen where.
/// </summary>
public static class StrayValues
{
    private const string Binding = "__reportStrayValues";

    // Whole words of the page's innerText (what is rendered, not hidden elements or form values), checked after every
    // change to the document, so a word shown only for a moment while a page loads is caught as well.
    private const string Watcher = """
        (() => {
            const pattern = /(?<![\w$-])(undefined|null|NaN|false)(?![\w$-])|\[object Object\]/g;
            const reported = new Set();
            let pending = false;
            const check = async () => {
                pending = false;
                if (!document.body) {
                    return;
                }
                const text = document.body.innerText;
                const found = [];
                for (const match of text.matchAll(pattern)) {
                    const context = text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40).replace(/\s+/g, ' ');
                    const finding = `"${match[0]}" on ${location.pathname}${location.hash || ''}: …${context}…`;
                    if (!reported.has(finding)) {
                        reported.add(finding);
                        found.push(finding);
                    }
                }
                if (found.length > 0) {
                    await window.__reportStrayValues(found);
                }
            };
            window.__checkStrayValues = check;
            new MutationObserver(() => {
                if (!pending) {
                    pending = true;
                    setTimeout(check, 0);
                }
            }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
        })();
        """;

    private static readonly ConditionalWeakTable<IBrowserContext, ConcurrentQueue<string>> Findings = [];

    /// <summary>Watches every page the context opens from now on; call before its first page.</summary>
    public static async Task WatchAsync(IBrowserContext context)
    {
        var findings = Findings.GetOrCreateValue(context);
        await context.ExposeBindingAsync(Binding, (BindingSource _, string[] found) =>
        {
            foreach (var finding in found)
            {
                findings.Enqueue(finding);
            }
        });
        await context.AddInitScriptAsync(Watcher);
    }

    /// <summary>
    /// Fails when any page of the page's context has shown a stray value since the last call; the page as it is now is
    /// checked first, since the watcher runs a moment after each change.
    /// </summary>
    public static async Task ShouldHaveNoneAsync(IPage page)
    {
        if (!page.IsClosed)
        {
            await page.EvaluateAsync("async () => await window.__checkStrayValues?.()");
        }

        if (!Findings.TryGetValue(page.Context, out var findings))
        {
            return;
        }

        var shown = Take(findings);
        shown.Should().BeEmpty("no page may show a script's missing value as text");
    }

    /// <summary>What the context's pages showed that no test has failed on yet, for a check after they closed.</summary>
    public static IReadOnlyList<string> Unchecked(IBrowserContext context) =>
        Findings.TryGetValue(context, out var findings) ? Take(findings) : [];

    // Taken findings are gone, so one stray value fails the test that saw it and not every later check as well.
    private static List<string> Take(ConcurrentQueue<string> findings)
    {
        var taken = new List<string>();
        while (findings.TryDequeue(out var finding))
        {
            taken.Add(finding);
        }

        return taken;
    }
}
