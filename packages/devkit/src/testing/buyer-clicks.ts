/** The buyer opens the approval URL and clicks a button; the sandbox answers 303 back to the merchant. */
export async function buyerClicks(approvalUrl: string, button: 'approve' | 'cancel' | 'decline') {
  const page = await fetch(approvalUrl);
  if (page.status !== 200) throw new Error(`approval page answered ${page.status}`);
  const html = await page.text();
  const action = new RegExp(`action="([^"]+/${button})"`).exec(html)?.[1];
  if (!action) throw new Error(`the approval page has no ${button} button`);
  const answer = await fetch(new URL(action, approvalUrl), {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(),
  });
  if (answer.status !== 303) throw new Error(`the ${button} button answered ${answer.status}`);
  return { html, location: answer.headers.get('location') ?? '' };
}
