/*
 * Settings › Consent banner: a live preview of the banner. The banner's own markup (rendered by
 * the server in a <template>) and stylesheet are placed in a shadow root, so the admin's styles
 * do not reach it, and its texts follow the wording fields as the editor types. The preview is
 * read like any content but is not a dialog: it takes no focus and its buttons do nothing.
 * On a multilingual site, typing in (or moving into) a language's wording shows that wording,
 * with the same fallbacks as the site: the default wording, then that language's defaults.
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
      static targets = ['host', 'source', 'showing'];

      static values = {
        defaults: Object,
        localeDefaults: Object,
        stylesheets: Array,
        showingDefault: String,
        showingLocale: String,
      };

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
        this.row = null;
        this.follow = this.follow.bind(this);
        if (this.form) {
          this.form.addEventListener('input', this.follow);
          this.form.addEventListener('focusin', this.follow);
        }
        this.update();
      }

      disconnect() {
        if (this.form) {
          this.form.removeEventListener('input', this.follow);
          this.form.removeEventListener('focusin', this.follow);
        }
      }

      /* Show the wording the editor is working on: a language's row, or the default wording. */
      follow(event) {
        const name = (event.target && event.target.name) || '';
        const row = /^(wordings-\d+-)/.exec(name);
        if (row) {
          this.row = row[1];
          if (name === `${this.row}locale` && event.type === 'input') this.hint(this.row);
        } else if (TEXT_FIELDS.some(([field]) => field === name) || name === 'text') {
          this.row = null;
        }
        this.update();
      }

      field(name) {
        const field = this.form ? this.form.elements.namedItem(name) : null;
        return field && typeof field.value === 'string' ? field.value.trim() : '';
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
        const own = this.field(name);
        if (!this.row) return own || this.defaultsValue[name] || '';
        const defaults = this.localeDefaultsValue[this.field(`${this.row}locale`)];
        return (
          this.field(this.row + name) || own || (defaults || this.defaultsValue)[name] || ''
        );
      }

      /* A language's empty fields show what they fall back to, once its language is chosen. */
      hint(row) {
        const defaults = this.localeDefaultsValue[this.field(`${row}locale`)] || this.defaultsValue;
        [...TEXT_FIELDS.map(([name]) => name), 'text'].forEach((name) => {
          const field = this.form.elements.namedItem(row + name);
          if (field) field.placeholder = this.field(name) || defaults[name] || '';
        });
      }

      /* Which wording the preview shows, in its caption. */
      showing() {
        if (this.row && this.field(`${this.row}DELETE`)) this.row = null;
        const select = this.row ? this.form.elements.namedItem(`${this.row}locale`) : null;
        const option = select && select.selectedOptions ? select.selectedOptions[0] : null;
        if (this.row && option && option.value) {
          return this.showingLocaleValue.replace('%(language)s', option.textContent.trim());
        }
        return this.showingDefaultValue;
      }

      update() {
        if (this.hasShowingTarget) this.showingTarget.textContent = this.showing();
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
