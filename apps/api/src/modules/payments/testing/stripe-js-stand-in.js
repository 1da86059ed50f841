// A stand-in for Stripe.js (https://js.stripe.com/<release>/stripe.js), FOR TESTS ONLY: never served by
// the app. The e2e journey e2e/journeys/card-payment.mjs answers the browser's request for js.stripe.com
// with this file (Playwright `page.route`), and the browser's calls to https://api.stripe.com with the
// local API stand-in (stripe-stand-in.ts), so the app's own card form (apps/web stripe-payment-form.tsx,
// through @stripe/stripe-js/pure and @stripe/react-stripe-js) runs unchanged against them.
//
// It defines `window.Stripe(publishableKey)` with what @stripe/react-stripe-js and our form use:
// `elements(options)` (an Elements group: create('payment') / getElement / update / submit /
// fetchUpdates), a Payment Element (mount, unmount, destroy, update, on / off / once for 'ready',
// 'change', 'focus', 'blur', 'loaderror'...), `confirmPayment({ elements, confirmParams, redirect })`, and
// `confirmSetup({ elements, redirect: 'if_required' })` for a SetupIntent's client secret (a card saved
// for later charges, no payment).
// The element renders a plain card form (number, expiry, CVC; labelled, keyboard-usable) where Stripe
// shows its iframe, and confirmPayment sends the card to the intent the client secret names, as Stripe.js
// does: with the publishable key and the client secret, never a secret key. Accepted: the browser goes to
// `return_url` with `payment_intent`, `payment_intent_client_secret` and `redirect_status`, like Stripe.
// Refused: `{ error }` (a declined card is `{ type: 'card_error', message }`) and the page stays.
// 3-D Secure: when the bank asks (the intent `requires_action`), confirmPayment, and
// `handleNextAction({ clientSecret })` for an intent the server confirmed, show a dialog standing in for
// the bank's check (like Stripe's test authentication page: complete or fail), post the payer's choice
// to the API stand-in, and go on with the intent as it then is. Authentication failed is
// `{ error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure' } }`, as Stripe.js.
// Not here: wallets, Link, other payment methods, appearance (the form is unstyled on purpose).
(() => {
  const API = 'https://api.stripe.com';
  // The release @stripe/stripe-js expects (it warns on another); this file stands in for that one.
  const VERSION = 'endive';

  const WORDS = {
    en: {
      group: 'Card details (Stripe test stand-in)',
      number: 'Card number',
      expiry: 'Expiry date (MM / YY)',
      cvc: 'Security code (CVC)',
      incompleteNumber: 'Your card number is incomplete.',
      incompleteExpiry: "Your card's expiration date is incomplete.",
      pastExpiry: "Your card's expiration year is in the past.",
      incompleteCvc: "Your card's security code is incomplete.",
      unreachable: 'Stripe could not be reached. Check your connection and try again.',
      challengeTitle: 'Confirm this payment with your bank (3-D Secure test)',
      challengeText: 'Your bank asks you to confirm a payment of {amount}.',
      complete: 'Complete authentication',
      fail: 'Fail authentication',
    },
    th: {
      group: 'ข้อมูลบัตร (ตัวแทนทดสอบของ Stripe)',
      number: 'หมายเลขบัตร',
      expiry: 'วันหมดอายุ (ดด / ปป)',
      cvc: 'รหัสความปลอดภัย (CVC)',
      incompleteNumber: 'หมายเลขบัตรไม่ครบ',
      incompleteExpiry: 'วันหมดอายุของบัตรไม่ครบ',
      pastExpiry: 'บัตรหมดอายุแล้ว',
      incompleteCvc: 'รหัสความปลอดภัยของบัตรไม่ครบ',
      unreachable: 'ติดต่อ Stripe ไม่ได้ ตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง',
      challengeTitle: 'ยืนยันการชำระเงินกับธนาคารของคุณ (ทดสอบ 3-D Secure)',
      challengeText: 'ธนาคารขอให้คุณยืนยันการชำระเงิน {amount}',
      complete: 'ยืนยันตัวตนสำเร็จ',
      fail: 'ยืนยันตัวตนไม่สำเร็จ',
    },
  };

  let uid = 0;

  /** Stripe.js refuses misuse by throwing (an IntegrationError), not by resolving an error. */
  const integrationError = (message) => {
    const error = new Error(message);
    error.name = 'IntegrationError';
    return error;
  };

  const intentIdOf = (clientSecret) => String(clientSecret).split('_secret_')[0];
  /** The API path of the PaymentIntent or SetupIntent (seti_...) a client secret belongs to. */
  const intentPathOf = (clientSecret) => {
    const intentId = intentIdOf(clientSecret);
    const kind = intentId.startsWith('seti_') ? 'setup_intents' : 'payment_intents';
    return `/v1/${kind}/${encodeURIComponent(intentId)}`;
  };

  /** Form-encoded, as Stripe.js posts: a "simple" cross-origin request, no preflight. */
  function formBody(fields, prefix = '', into = new URLSearchParams()) {
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || value === null) continue;
      const name = prefix ? `${prefix}[${key}]` : key;
      if (typeof value === 'object') formBody(value, name, into);
      else into.append(name, String(value));
    }
    return into;
  }

  /** A call to Stripe's API from the page: `{ status, body }`, status 0 when nothing answered. */
  async function callApi(method, path, fields) {
    try {
      const query = method === 'GET' ? `?${formBody(fields)}` : '';
      const response = await fetch(`${API}${path}${query}`, {
        method,
        ...(method === 'GET' ? {} : { body: formBody(fields) }),
      });
      return { status: response.status, body: await response.json() };
    } catch (cause) {
      return { status: 0, body: { error: { type: 'api_connection_error', message: String(cause) } } };
    }
  }

  /**
   * The bank's check (3-D Secure) for an intent that requires action: a modal dialog with the two
   * choices of Stripe's test page. Resolves to `{ paymentIntent }` as it is after the answer, or
   * `{ error }` when authentication failed or Stripe could not be reached.
   */
  function challenge(publishableKey, clientSecret, intent, locale) {
    const words = WORDS[String(locale ?? document.documentElement.lang).startsWith('th') ? 'th' : 'en'];
    const amount = new Intl.NumberFormat(locale || undefined, {
      style: 'currency',
      currency: String(intent.currency).toUpperCase(),
    }).format(intent.amount / (['jpy', 'krw'].includes(intent.currency) ? 1 : 100));
    const opener = document.activeElement;
    const overlay = document.createElement('div');
    overlay.setAttribute('data-stripe-stand-in', 'authentication');
    overlay.style.cssText =
      'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;' +
      'background:rgba(15,23,42,.6);padding:16px;';
    const dialog = document.createElement('div');
    const titleId = `stripe-stand-in-3ds-${++uid}`;
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', titleId);
    dialog.style.cssText =
      'background:#fff;color:#0f172a;border-radius:12px;padding:24px;max-width:420px;width:100%;' +
      'font:16px/1.5 system-ui,sans-serif;box-shadow:0 10px 40px rgba(0,0,0,.3);';
    const title = document.createElement('h2');
    title.id = titleId;
    title.textContent = words.challengeTitle;
    title.style.cssText = 'font-size:18px;font-weight:600;margin:0 0 8px;';
    const text = document.createElement('p');
    text.textContent = words.challengeText.replace('{amount}', amount);
    text.style.cssText = 'margin:0 0 16px;';
    const row = document.createElement('div');
    row.style.cssText = 'display:flex;gap:8px;flex-wrap:wrap;';
    const button = (label, background) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.style.cssText = `padding:8px 16px;border-radius:8px;border:1px solid #0f172a;background:${background};color:${background === '#fff' ? '#0f172a' : '#fff'};font:inherit;cursor:pointer;`;
      return b;
    };
    const complete = button(words.complete, '#0f172a');
    const fail = button(words.fail, '#fff');
    row.append(complete, fail);
    dialog.append(title, text, row);
    overlay.append(dialog);
    document.body.append(overlay);
    complete.focus();
    return new Promise((resolve) => {
      const answer = async (outcome) => {
        complete.disabled = true;
        fail.disabled = true;
        const { status, body } = await callApi(
          'POST',
          `/v1/payment_intents/${encodeURIComponent(intent.id)}/test_authentication`,
          { key: publishableKey, client_secret: clientSecret, outcome },
        );
        overlay.remove();
        if (opener instanceof HTMLElement) opener.focus();
        if (status === 0) resolve({ error: { type: 'api_connection_error', message: words.unreachable } });
        else if (status !== 200) resolve({ error: body.error });
        else if (body.status === 'requires_payment_method')
          resolve({
            error: {
              type: 'invalid_request_error',
              code: 'payment_intent_authentication_failure',
              message: body.last_payment_error?.message ?? 'Authentication failed.',
              payment_intent: body,
            },
          });
        else resolve({ paymentIntent: body });
      };
      complete.addEventListener('click', () => answer('complete'));
      fail.addEventListener('click', () => answer('fail'));
      // Escape is "I did not authenticate", as closing Stripe's dialog is.
      dialog.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') answer('fail');
        if (event.key === 'Tab') {
          // Keep the keyboard inside the dialog while it is open.
          event.preventDefault();
          (document.activeElement === complete ? fail : complete).focus();
        }
      });
    });
  }

  function emitter() {
    const handlers = new Map();
    return {
      on(event, handler) {
        if (!handlers.has(event)) handlers.set(event, new Set());
        handlers.get(event).add(handler);
      },
      off(event, handler) {
        if (handler) handlers.get(event)?.delete(handler);
        else handlers.delete(event);
      },
      once(event, handler) {
        const wrapped = (...args) => {
          handlers.get(event)?.delete(wrapped);
          handler(...args);
        };
        this.on(event, wrapped);
      },
      emit(event, payload) {
        for (const handler of [...(handlers.get(event) ?? [])]) handler(payload);
      },
    };
  }

  /** The card fields as typed: digits only, and what is missing (in the element's language). */
  function readCard(inputs, words) {
    const number = inputs.number.value.replace(/\D/g, '');
    const [month = '', year = ''] = inputs.expiry.value.split('/').map((part) => part.replace(/\D/g, ''));
    const cvc = inputs.cvc.value.replace(/\D/g, '');
    const problems = [];
    if (number.length < 12) problems.push({ field: 'number', message: words.incompleteNumber });
    const mm = Number(month);
    const yy = Number(year.length === 4 ? year.slice(2) : year);
    if (!month || !year || mm < 1 || mm > 12)
      problems.push({ field: 'expiry', message: words.incompleteExpiry });
    else {
      const now = new Date();
      const thisYear = now.getFullYear() % 100;
      if (yy < thisYear || (yy === thisYear && mm < now.getMonth() + 1))
        problems.push({ field: 'expiry', message: words.pastExpiry });
    }
    if (cvc.length < 3) problems.push({ field: 'cvc', message: words.incompleteCvc });
    return { number, month: mm, year: 2000 + yy, cvc, problems, empty: !number && !month && !cvc };
  }

  function createPaymentElement(group, options) {
    const events = emitter();
    let options_ = { ...options };
    let root = null;
    let inputs = null;
    let alert = null;
    let destroyed = false;
    const words = () => WORDS[group.options.locale === 'th' ? 'th' : 'en'];

    const field = (name, label, autocomplete, placeholder) => {
      const id = `stripe-stand-in-${name}-${++uid}`;
      const wrapper = document.createElement('p');
      wrapper.style.cssText = 'display:flex;flex-direction:column;gap:4px;margin:0 0 8px';
      const labelNode = document.createElement('label');
      labelNode.htmlFor = id;
      labelNode.textContent = label;
      const input = document.createElement('input');
      input.id = id;
      input.type = 'text';
      input.inputMode = 'numeric';
      input.autocomplete = autocomplete;
      input.placeholder = placeholder;
      input.style.cssText = 'border:1px solid #6b7280;border-radius:6px;padding:6px 8px;max-width:20rem';
      wrapper.append(labelNode, input);
      return { wrapper, input };
    };

    /** Shows what the payer must fix under the fields (Stripe shows its validation errors inside the element). */
    const showProblems = (problems) => {
      if (!inputs) return;
      for (const [name, input] of Object.entries(inputs))
        input.setAttribute('aria-invalid', String(problems.some((p) => p.field === name)));
      alert.textContent = problems.map((p) => p.message).join(' ');
    };

    const element = {
      _type: 'payment',
      on(event, handler) {
        events.on(event, handler);
        return element;
      },
      off(event, handler) {
        events.off(event, handler);
        return element;
      },
      once(event, handler) {
        events.once(event, handler);
        return element;
      },
      mount(target) {
        if (destroyed) throw integrationError('This Element has already been destroyed.');
        const node = typeof target === 'string' ? document.querySelector(target) : target;
        if (!node) throw integrationError('The selector you specified did not match any elements.');
        const w = words();
        root = document.createElement('div');
        root.setAttribute('role', 'group');
        root.setAttribute('aria-label', w.group);
        root.dataset.stripeStandIn = 'payment-element';
        const number = field('number', w.number, 'cc-number', '1234 1234 1234 1234');
        const expiry = field('expiry', w.expiry, 'cc-exp', 'MM / YY');
        const cvc = field('cvc', w.cvc, 'cc-csc', 'CVC');
        inputs = { number: number.input, expiry: expiry.input, cvc: cvc.input };
        alert = document.createElement('p');
        alert.setAttribute('role', 'alert');
        alert.style.cssText = 'color:#b91c1c;margin:0';
        root.append(number.wrapper, expiry.wrapper, cvc.wrapper, alert);
        for (const input of Object.values(inputs)) {
          input.addEventListener('input', () => {
            const card = readCard(inputs, words());
            events.emit('change', {
              elementType: 'payment',
              empty: card.empty,
              complete: card.problems.length === 0,
              collapsed: false,
              value: { type: 'card' },
            });
          });
          input.addEventListener('focus', () => events.emit('focus', { elementType: 'payment' }));
          input.addEventListener('blur', () => events.emit('blur', { elementType: 'payment' }));
        }
        node.append(root);
        events.emit('loaderstart', { elementType: 'payment' });
        // Stripe's element checks its intent before it is ready; a bad client secret is a load error.
        callApi('GET', intentPathOf(group.options.clientSecret), {
          key: group.key,
          client_secret: group.options.clientSecret,
        }).then(({ status, body }) => {
          if (destroyed || !root) return;
          if (status === 200) events.emit('ready', { elementType: 'payment' });
          else events.emit('loaderror', { elementType: 'payment', error: body.error });
        });
      },
      unmount() {
        root?.remove();
        root = null;
        inputs = null;
      },
      destroy() {
        element.unmount();
        destroyed = true;
        delete group.elements.payment;
      },
      update(changes) {
        options_ = { ...options_, ...changes };
      },
      focus() {
        inputs?.number.focus();
      },
      blur() {
        document.activeElement?.blur?.();
      },
      clear() {
        for (const input of Object.values(inputs ?? {})) input.value = '';
        showProblems([]);
      },
      collapse() {},
      /** The card as typed, or the problems shown to the payer (what `elements.submit()` checks). */
      _read() {
        if (!inputs) return { problems: [{ field: 'number', message: words().incompleteNumber }] };
        const card = readCard(inputs, words());
        showProblems(card.problems);
        return card;
      },
      get _options() {
        return options_;
      },
    };
    return element;
  }

  function createElements(key, options) {
    const group = { key, options: { ...options }, elements: {} };
    return {
      create(type, elementOptions = {}) {
        if (type !== 'payment')
          throw integrationError(`The Stripe.js stand-in makes only the Payment Element, not "${type}".`);
        if (group.elements.payment) throw integrationError('Can only create one Element of type payment.');
        if (!group.options.clientSecret)
          throw integrationError('In order to create a payment element, you must pass a clientSecret.');
        group.elements.payment = createPaymentElement(group, elementOptions);
        return group.elements.payment;
      },
      getElement(type) {
        return group.elements[type] ?? null;
      },
      update(changes) {
        group.options = { ...group.options, ...changes };
      },
      async submit() {
        const card = group.elements.payment?._read();
        if (!card) return { error: { type: 'validation_error', message: 'There is no Payment Element.' } };
        if (card.problems.length > 0)
          return { error: { type: 'validation_error', message: card.problems[0].message } };
        return { selectedPaymentMethod: 'card' };
      },
      async fetchUpdates() {
        return {};
      },
      _group: group,
    };
  }

  function Stripe(publishableKey, stripeOptions = {}) {
    if (typeof publishableKey !== 'string' || !publishableKey.startsWith('pk_'))
      throw integrationError('Invalid API Key provided: a publishable key (pk_...) is needed.');
    const wrappers = [];
    const appInfo = [];
    const unsupported = (name) => async () => ({
      error: { type: 'invalid_request_error', message: `${name} is not part of the Stripe.js stand-in.` },
    });

    /**
     * What confirmPayment and confirmSetup (`what`) share: the card typed into the Payment Element the
     * `elements` were made with, checked, then sent to confirm the intent the client secret names.
     * Answers `{ error }`, or the confirmed intent's `body` with the secret and the element's group.
     */
    async function confirmWithCard(
      what,
      { elements, clientSecret, confirmParams = {}, redirect = 'always' },
    ) {
      const group = elements?._group;
      if (!group) throw integrationError(`${what} needs the \`elements\` the Payment Element was made with.`);
      const element = group.elements.payment;
      if (!element) throw integrationError(`${what} needs a mounted Payment Element.`);
      if (redirect === 'always' && !confirmParams.return_url)
        throw integrationError(`${what}: confirmParams.return_url is required.`);
      const secret = clientSecret ?? group.options.clientSecret;
      const card = element._read();
      if (card.problems.length > 0)
        return { error: { type: 'validation_error', message: card.problems[0].message } };
      const { status, body } = await callApi('POST', `${intentPathOf(secret)}/confirm`, {
        key: publishableKey,
        client_secret: secret,
        ...confirmParams,
        payment_method_data: {
          type: 'card',
          card: { number: card.number, exp_month: card.month, exp_year: card.year, cvc: card.cvc },
        },
      });
      if (status === 0)
        return {
          error: {
            type: 'api_connection_error',
            message: WORDS[group.options.locale === 'th' ? 'th' : 'en'].unreachable,
          },
        };
      if (status !== 200) return { error: body.error };
      return { body, secret, group };
    }

    return {
      _options: stripeOptions,
      _wrappers: wrappers,
      _appInfo: appInfo,
      _registerWrapper(wrapper) {
        wrappers.push(wrapper);
      },
      registerAppInfo(info) {
        appInfo.push(info);
      },
      elements(options = {}) {
        return createElements(publishableKey, options);
      },
      // @stripe/react-stripe-js checks these exist before it accepts the object as Stripe.
      createToken: unsupported('createToken'),
      createPaymentMethod: unsupported('createPaymentMethod'),
      confirmCardPayment: unsupported('confirmCardPayment'),

      /**
       * Finishes what the server's confirmation left to the payer: the bank's check (3-D Secure) for an
       * intent that requires action. Any other intent comes back as it is.
       */
      async handleNextAction({ clientSecret } = {}) {
        if (!clientSecret)
          throw integrationError('handleNextAction needs the clientSecret of a PaymentIntent.');
        const { status, body } = await callApi(
          'GET',
          `/v1/payment_intents/${encodeURIComponent(intentIdOf(clientSecret))}`,
          { key: publishableKey, client_secret: clientSecret },
        );
        if (status !== 200) return { error: body.error };
        if (body.status !== 'requires_action') return { paymentIntent: body };
        return challenge(publishableKey, clientSecret, body, stripeOptions.locale);
      },

      async retrievePaymentIntent(clientSecret) {
        const { status, body } = await callApi(
          'GET',
          `/v1/payment_intents/${encodeURIComponent(intentIdOf(clientSecret))}`,
          { key: publishableKey, client_secret: clientSecret },
        );
        return status === 200 ? { paymentIntent: body } : { error: body.error };
      },

      /**
       * Saves the card typed into the Payment Element on a SetupIntent's customer (no charge). The
       * stand-in's cards need no redirect, so it answers `{ setupIntent }` (or `{ error }`) in place.
       */
      async confirmSetup(options = {}) {
        const { error, body } = await confirmWithCard('confirmSetup', options);
        return error ? { error } : { setupIntent: body };
      },

      async confirmPayment(options = {}) {
        const { error, body, secret, group } = await confirmWithCard('confirmPayment', options);
        if (error) return { error };
        let intent = body;
        if (intent.status === 'requires_action') {
          const checked = await challenge(publishableKey, secret, intent, group.options.locale);
          if (checked.error) return { error: checked.error };
          intent = checked.paymentIntent;
        }
        if (options.redirect === 'if_required') return { paymentIntent: intent };
        // Like Stripe: back to the merchant's page, which learns the outcome from these parameters.
        const back = new URL(options.confirmParams.return_url, window.location.href);
        back.searchParams.set('payment_intent', intent.id);
        back.searchParams.set('payment_intent_client_secret', secret);
        back.searchParams.set('redirect_status', intent.status);
        window.location.assign(back.href);
        // The page is leaving; nothing resolves (Stripe's promise does not either).
        return new Promise(() => {});
      },
    };
  }
  Stripe.version = VERSION;
  window.Stripe = Stripe;
})();
