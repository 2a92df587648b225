import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

// The schemas use zod/mini (functions instead of methods, so a bundle carries only the validators it uses,
// about half of full zod). Mini ships without messages: give it zod's English ones, which the API returns
// in its problem details.
config(en());
