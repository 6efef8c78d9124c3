/*
 * Settings › Consent banner: a live preview of the banner. The banner's own markup (rendered by
 * the server in a <template>) and stylesheet are placed in a shadow root, so the admin's styles
 * do not reach it, and its texts follow the wording fields as the editor types. The preview is
 * read like any content but is not a dialog: it takes no focus and its buttons do nothing.
 */
(() => {
  const TEXT_FIELDS = [
    ['title', '.wagtail-tracking-consent__title'],
    ['accept_label', '[data-wagtail-tracking-action="accept"]'],
    ['refuse_label', '[data-wagtail-tracking-action="refuse"]'],
    ['customise_label', '[data-wagtail-tracking-action="customise"]'],
    ['save_label', '[data-wagtail-tracking-action="save"]'],
  ];

  /* Django's |linebreaks: paragraphs at blank lines, <br> at single line breaks. */
  function paragraphs(text) {
    return text
      .replace(/\r\n?/g, '\n')
      .split(/\n{2,}/)
      .map((block) => {
        const paragraph = document.createElement('p');
        block.split('\n').forEach((line, index) => {
          if (index) paragraph.append(document.createElement('br'));
          paragraph.append(line);
        });
        return paragraph;
      });
  }

  function register() {
    const { Controller } = window.StimulusModule;

    class BannerPreviewController extends Controller {
      static targets = ['host', 'source'];

      static values = { defaults: Object, stylesheets: Array };

      connect() {
        this.form = this.element.closest('form');
        this.root = this.hostTarget.shadowRoot || this.hostTarget.attachShadow({ mode: 'open' });
        const links = this.stylesheetsValue.map((href) => {
          const link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = href;
          return link;
        });
        const content = this.sourceTarget.content.cloneNode(true);
        this.banner = content.querySelector('.wagtail-tracking-consent');
        this.quieten(this.banner);
        const text = this.banner.querySelector('.wagtail-tracking-consent__text');
        const policyLink = text.querySelector('a');
        this.policy = policyLink ? policyLink.closest('p') : null;
        this.root.replaceChildren(...links, this.banner);
        this.update = this.update.bind(this);
        if (this.form) this.form.addEventListener('input', this.update);
        this.update();
      }

      disconnect() {
        if (this.form) this.form.removeEventListener('input', this.update);
      }

      /* A preview, not a dialog: no role or focus of its own, controls that do nothing. */
      quieten(banner) {
        banner.hidden = false;
        ['role', 'aria-modal', 'tabindex', 'aria-labelledby', 'aria-describedby'].forEach(
          (name) => banner.removeAttribute(name),
        );
        banner.querySelectorAll('button, input, a').forEach((control) => {
          control.setAttribute('tabindex', '-1');
          control.setAttribute('aria-disabled', 'true');
          control.addEventListener('click', (event) => event.preventDefault());
        });
      }

      value(name) {
        const field = this.form ? this.form.elements.namedItem(name) : null;
        const typed = field && typeof field.value === 'string' ? field.value.trim() : '';
        return typed || this.defaultsValue[name] || '';
      }

      update() {
        TEXT_FIELDS.forEach(([name, selector]) => {
          const element = this.banner.querySelector(selector);
          if (element) element.textContent = this.value(name);
        });
        const text = this.banner.querySelector('.wagtail-tracking-consent__text');
        const parts = paragraphs(this.value('text'));
        text.replaceChildren(...parts, ...(this.policy ? [this.policy] : []));
      }
    }

    window.wagtail.app.register('wt-banner-preview', BannerPreviewController);
  }

  if (window.wagtail && window.wagtail.app && window.StimulusModule) {
    register();
  } else {
    document.addEventListener('DOMContentLoaded', register, { once: true });
  }
})();
